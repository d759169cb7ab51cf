package io.mallard.model.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * A header block parsed by mime4j, with access to field values in the raw form ENVELOPE needs
 * (RFC 3501 §7.4.2: encoded-words are not decoded) and in decoded form for search and the API.
 */
final class HeaderBlock {

    static final HeaderBlock EMPTY = new HeaderBlock(List.of());

    /**
     * mime4j decodes encoded-words in display names and parameter values; BODYSTRUCTURE and
     * ENVELOPE must not (RFC 3501 §7.4.2), so "=?" is masked with a control character that no
     * parser rule treats specially, then restored.
     */
    private static final String ENCODED_WORD_START = "=?";
    private static final String MASK = "=\u0001";

    private final List<Field> fields;

    private HeaderBlock(List<Field> fields) {
        this.fields = fields;
    }

    /** Parses the header bytes permissively; a header mime4j cannot read becomes empty, never an error. */
    static HeaderBlock parse(byte[] raw, int from, int to) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        builder.setFieldParser(LenientFieldParser.getParser());
        try {
            Header header = builder.parseHeader(new ByteArrayInputStream(raw, from, to - from));
            return new HeaderBlock(List.copyOf(header.getFields()));
        } catch (IOException | RuntimeException e) {
            return EMPTY;
        }
    }

    Field field(String name) {
        for (Field field : fields) {
            if (field.getName().equalsIgnoreCase(name)) {
                return field;
            }
        }
        return null;
    }

    /** The unfolded, trimmed field body as it appears on the wire, or {@code null} if absent. */
    String value(String name) {
        Field field = field(name);
        return field == null ? null : rawValue(field);
    }

    /** Every occurrence of a field, raw and unfolded. */
    List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (Field field : fields) {
            if (field.getName().equalsIgnoreCase(name)) {
                values.add(rawValue(field));
            }
        }
        return values;
    }

    /** The unfolded field body with each byte as one ISO-8859-1 char, for mime4j's byte-oriented parsers. */
    String octets(String name) {
        Field field = field(name);
        if (field == null) {
            return null;
        }
        byte[] unfolded = unfold(field);
        return new String(unfolded, StandardCharsets.ISO_8859_1).strip();
    }

    /**
     * Octets as a mime4j byte sequence. mime4j's String entry points encode non-ASCII text as
     * UTF-8 but bound the cursor by char count, cutting the value short; the byte entry points
     * read each byte as one char, which {@link #fromOctets} then reads as UTF-8 where valid.
     */
    static ByteSequence bytes(String octets) {
        byte[] bytes = octets.getBytes(StandardCharsets.ISO_8859_1);
        return new ByteArrayBuffer(bytes, true);
    }

    /** The field body with RFC 2047 encoded-words decoded, or {@code null} if absent. */
    String decoded(String name) {
        String value = value(name);
        return value == null ? null : decodeWords(value);
    }

    static String maskEncodedWords(String octets) {
        return octets.replace(ENCODED_WORD_START, MASK);
    }

    static String unmaskEncodedWords(String value) {
        return value.replace(MASK, ENCODED_WORD_START);
    }

    static String decodeWords(String value) {
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }

    /**
     * Unfolds (RFC 5322 §2.2.3: drop the line breaks of folding, keep the whitespace) and reads
     * 8-bit bytes as UTF-8 when they form valid UTF-8 (RFC 6532), else as ISO-8859-1 so no byte is lost.
     */
    static String rawValue(Field field) {
        byte[] unfolded = unfold(field);
        return decodeBytes(unfolded, 0, unfolded.length).strip();
    }

    private static byte[] unfold(Field field) {
        byte[] raw = field.getRaw() == null ? new byte[0] : field.getRaw().toByteArray();
        int colon = 0;
        while (colon < raw.length && raw[colon] != ':') {
            colon++;
        }
        int start = Math.min(colon + 1, raw.length);
        byte[] unfolded = new byte[raw.length - start];
        int length = 0;
        for (int i = start; i < raw.length; i++) {
            if (raw[i] != '\r' && raw[i] != '\n') {
                unfolded[length++] = raw[i];
            }
        }
        return java.util.Arrays.copyOf(unfolded, length);
    }

    /** Re-reads a string of ISO-8859-1 octets as UTF-8 where that is valid. */
    static String fromOctets(String octets) {
        if (octets == null || octets.chars().anyMatch(c -> c > 0xff)) {
            return octets; // already Unicode (decoded encoded-words), not octets
        }
        byte[] bytes = octets.getBytes(StandardCharsets.ISO_8859_1);
        return decodeBytes(bytes, 0, bytes.length);
    }

    static String decodeBytes(byte[] bytes, int from, int length) {
        String utf8 = strictUtf8(bytes, from, length);
        return utf8 != null ? utf8 : new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }

    /** The bytes as UTF-8, or {@code null} if they are not valid UTF-8. */
    static String strictUtf8(byte[] bytes, int from, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
