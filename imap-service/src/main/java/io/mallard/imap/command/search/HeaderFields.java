package io.mallard.imap.command.search;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * A raw header block as search reads it: octets read as UTF-8 where valid (RFC 6532) and as
 * ISO-8859-1 otherwise, fields unfolded (RFC 5322 §2.2.3), names compared without case, values
 * with RFC 2047 encoded-words decoded.
 */
final class HeaderFields {

    private final List<String[]> fields = new ArrayList<>();

    HeaderFields(byte[] block) {
        String text = decode(block).replaceAll("\r?\n[ \t]", " ");
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.add(new String[] {line.substring(0, colon).trim(), decodeWords(line.substring(colon + 1).trim())});
            }
        }
    }

    /**
     * Whether some {@code name} field's decoded value contains {@code text}, ignoring case; an empty
     * text asks only whether the field is there (RFC 3501 §6.4.4 HEADER).
     */
    boolean contains(String name, String text) {
        for (String[] field : fields) {
            if (field[0].equalsIgnoreCase(name) && SearchText.contains(field[1], text)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any field, name or decoded value, contains {@code text} (RFC 3501 §6.4.4 TEXT). */
    boolean anyContains(String text) {
        for (String[] field : fields) {
            if (SearchText.contains(field[0] + ": " + field[1], text)) {
                return true;
            }
        }
        return false;
    }

    private static String decodeWords(String value) {
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }

    private static String decode(byte[] block) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(block)).toString();
        } catch (CharacterCodingException e) {
            return new String(block, StandardCharsets.ISO_8859_1);
        }
    }
}
