package io.mallard.imap.command.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;

import io.mallard.imap.codec.FetchAttribute;
import io.mallard.model.ingest.MimePart;
import io.mallard.model.message.Message;
import reactor.core.publisher.Mono;

/**
 * The content of a {@code BINARY[section]} (RFC 3516 §4.2): the part's body from the stored bytes
 * with its Content-Transfer-Encoding undone by mime4j's decoders; its MIME header is parsed by mime4j
 * for the encoding. {@code BINARY[]} is the whole message as stored. A damaged base64 or
 * quoted-printable body decodes as far as it goes; an encoding the server does not know is
 * {@link UnknownTransferEncoding}, answered {@code NO [UNKNOWN-CTE]}.
 */
final class BinaryReader {

    private final SectionReader sections;

    BinaryReader(SectionReader sections) {
        this.sections = sections;
    }

    /** The decoded content, whole: BINARY.SIZE and partial fetches both need all of it. */
    Mono<byte[]> read(Message message, MimePart root, FetchAttribute.Binary binary) {
        if (binary.section().isEmpty()) {
            return sections.bytes(message, 0, message.size()).map(bytes -> partial(bytes, binary));
        }
        MimePart part = root.find(binary.section());
        if (part == null) {
            return Mono.just(new byte[0]);
        }
        return sections.bytes(message, part.headerStart(), part.end())
                .map(entity -> partial(decode(entity, (int) (part.bodyStart() - part.headerStart())), binary));
    }

    private static byte[] partial(byte[] bytes, FetchAttribute.Binary binary) {
        if (binary.offset() < 0) {
            return bytes;
        }
        int from = (int) Math.min(bytes.length, binary.offset());
        return Arrays.copyOfRange(bytes, from, (int) Math.min(bytes.length, from + binary.length()));
    }

    static byte[] decode(byte[] entity, int bodyOffset) {
        String encoding = transferEncoding(Arrays.copyOf(entity, bodyOffset));
        InputStream body = new ByteArrayInputStream(entity, bodyOffset, entity.length - bodyOffset);
        InputStream decoded = switch (encoding) {
            case "7bit", "8bit", "binary" -> body;
            case "base64" -> new Base64InputStream(body, DecodeMonitor.SILENT);
            case "quoted-printable" -> new QuotedPrintableInputStream(body, DecodeMonitor.SILENT);
            default -> throw new UnknownTransferEncoding(encoding);
        };
        try (InputStream in = decoded) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 2045 §6.1: absent means 7bit; the value is case-insensitive. */
    private static String transferEncoding(byte[] header) {
        try {
            Header fields = new DefaultMessageBuilder().parseHeader(new ByteArrayInputStream(header));
            Field field = fields.getField("Content-Transfer-Encoding");
            return field == null || field.getBody() == null || field.getBody().isBlank() ? "7bit"
                    : field.getBody().trim().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "7bit";
        }
    }

    /** RFC 3516 §4.2: a Content-Transfer-Encoding the server cannot undo. */
    static final class UnknownTransferEncoding extends RuntimeException {
        UnknownTransferEncoding(String encoding) {
            super("Unknown Content-Transfer-Encoding " + encoding);
        }
    }
}
