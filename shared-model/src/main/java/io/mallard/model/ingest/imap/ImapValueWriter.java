package io.mallard.model.ingest.imap;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders stored ENVELOPE / BODYSTRUCTURE values in IMAP syntax (RFC 3501 §4, §9): lists in
 * parentheses, null as NIL, numbers as numbers, strings quoted, or as literals when quoting
 * cannot carry them (CR, LF, NUL or 8-bit octets; RFC 3501 §4.3).
 */
public final class ImapValueWriter {

    private ImapValueWriter() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    public static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("NIL");
        } else if (value instanceof List<?> list) {
            out.append('(');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                write(list.get(i), out);
            }
            out.append(')');
        } else if (value instanceof Number number) {
            out.append(number.longValue());
        } else {
            string(value.toString(), out);
        }
    }

    private static void string(String value, StringBuilder out) {
        if (needsLiteral(value)) {
            // The octet count of a literal is of the UTF-8 bytes the connection will send.
            out.append('{').append(value.getBytes(StandardCharsets.UTF_8).length).append("}\r\n").append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static boolean needsLiteral(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0x7e) {
                return true;
            }
        }
        return false;
    }
}
