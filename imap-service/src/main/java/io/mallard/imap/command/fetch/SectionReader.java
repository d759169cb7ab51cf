package io.mallard.imap.command.fetch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.mallard.imap.codec.FetchAttribute;
import io.mallard.imap.codec.FetchAttribute.Part;
import io.mallard.model.ingest.MimePart;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.Message;
import reactor.core.publisher.Mono;

/**
 * The octets of a {@code BODY[section]<partial>} (RFC 3501 §6.4.5), read from the stored original
 * bytes at the offsets the ingest recorded in the MIME tree, so nothing is re-parsed or re-encoded.
 */
final class SectionReader {

    private final MessageContent content;

    SectionReader(MessageContent content) {
        this.content = content;
    }

    Mono<byte[]> read(Message message, MimePart root, FetchAttribute.Section section) {
        MimePart part = section.section().isEmpty() ? root : root.find(section.section());
        if (part == null) {
            return Mono.just(new byte[0]);
        }
        // s.HEADER and s.TEXT of a message/rfc822 part are those of the embedded message.
        MimePart entity = part.message() != null && section.part() != Part.ALL && section.part() != Part.MIME
                ? part.message() : part;
        long start;
        long end;
        switch (section.part()) {
            case ALL -> {
                start = section.section().isEmpty() ? 0 : entity.bodyStart();
                end = section.section().isEmpty() ? message.size() : entity.end();
            }
            case TEXT -> {
                start = entity.bodyStart();
                end = entity.end();
            }
            default -> {
                start = entity.headerStart();
                end = entity.bodyStart();
            }
        }
        boolean filtered = section.part() == Part.HEADER_FIELDS || section.part() == Part.HEADER_FIELDS_NOT;
        if (!filtered && section.offset() >= 0) {
            long from = Math.min(end, start + section.offset());
            return bytes(message, from, Math.min(end, from + section.length()));
        }
        Mono<byte[]> whole = bytes(message, start, end);
        if (filtered) {
            whole = whole.map(header -> fields(header, section));
        }
        return section.offset() < 0 ? whole : whole.map(bytes -> partial(bytes, section.offset(), section.length()));
    }

    /**
     * HEADER, HEADER.FIELDS or HEADER.FIELDS.NOT of the message itself from its header block as
     * stored apart at ingest: the same octets {@link #read} takes from the message's bytes.
     */
    Mono<byte[]> readHeader(byte[] header, FetchAttribute.Section section) {
        boolean filtered = section.part() == Part.HEADER_FIELDS || section.part() == Part.HEADER_FIELDS_NOT;
        byte[] bytes = filtered ? fields(header, section) : header;
        return Mono.just(section.offset() < 0 ? bytes : partial(bytes, section.offset(), section.length()));
    }

    /** The stored octets from {@code start} to {@code end}. */
    Mono<byte[]> bytes(Message message, long start, long end) {
        if (end <= start) {
            return Mono.just(new byte[0]);
        }
        return content.bytes(message, start, end - start);
    }

    private static byte[] partial(byte[] bytes, long offset, long length) {
        int from = (int) Math.min(bytes.length, offset);
        int to = (int) Math.min(bytes.length, from + length);
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    /**
     * HEADER.FIELDS (.NOT): whole fields, folded lines included, then the blank line (§6.4.5).
     * Scans the octets line by line: a FETCH of fifty headers runs this fifty times, and a regular
     * expression split of each header block cost more than reading the messages did.
     */
    private static byte[] fields(byte[] header, FetchAttribute.Section section) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length);
        boolean keep = false;
        int start = 0;
        while (start < header.length) {
            int newline = indexOf(header, (byte) '\n', start, header.length);
            int end = newline < 0 ? header.length : newline + 1;
            int length = end - start;
            if (newline >= 0 && (length == 1 || length == 2 && header[start] == '\r')) {
                break; // the blank line that ends the header
            }
            if (header[start] != ' ' && header[start] != '\t') {
                int colon = indexOf(header, (byte) ':', start, end);
                String name = colon < 0 ? ""
                        : new String(header, start, colon - start, StandardCharsets.ISO_8859_1).trim().toUpperCase(Locale.ROOT);
                keep = section.fields().contains(name) == (section.part() == Part.HEADER_FIELDS);
            }
            if (keep) {
                out.write(header, start, length);
            }
            start = end;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
