package io.mallard.model.ingest.imap;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders stored ENVELOPE / BODYSTRUCTURE values in IMAP syntax (RFC 3501 §4, §9): lists in
 * parentheses, null as NIL, numbers as numbers, strings quoted, or as literals when quoting
 * cannot carry them (CR, LF, NUL or 8-bit octets; RFC 3501 §4.3). Elements are separated by
 * one space, except where the grammar concatenates: the addresses of an address list
 * ({@code "(" 1*address ")"}) and the parts of a multipart ({@code 1*body SP media-subtype}),
 * which {@link #writeEnvelope} and {@link #writeBodyStructure} know.
 */
public final class ImapValueWriter {

    private ImapValueWriter() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    public static String writeEnvelope(List<?> envelope) {
        StringBuilder out = new StringBuilder();
        envelope(envelope, out);
        return out.toString();
    }

    /** BODYSTRUCTURE or BODY: either form follows the same concatenation rules. */
    public static String writeBodyStructure(List<?> structure) {
        StringBuilder out = new StringBuilder();
        body(structure, out);
        return out.toString();
    }

    /** env-from, env-sender, env-reply-to, env-to, env-cc, env-bcc are fields 2 to 7. */
    private static void envelope(List<?> envelope, StringBuilder out) {
        out.append('(');
        for (int i = 0; i < envelope.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            Object field = envelope.get(i);
            if (i >= 2 && i <= 7 && field instanceof List<?> addresses) {
                out.append('(');
                addresses.forEach(address -> write(address, out));
                out.append(')');
            } else {
                write(field, out);
            }
        }
        out.append(')');
    }

    private static void body(List<?> structure, StringBuilder out) {
        out.append('(');
        int at = 0;
        while (at < structure.size() && structure.get(at) instanceof List<?> part) {
            body(part, out);
            at++;
        }
        boolean message = at == 0 && structure.size() > 8 && "message".equalsIgnoreCase(String.valueOf(structure.get(0)))
                && "rfc822".equalsIgnoreCase(String.valueOf(structure.get(1)));
        for (int i = at; i < structure.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            Object field = structure.get(i);
            // body-type-msg: body-fields SP envelope SP body SP body-fld-lines
            if (message && i == 7 && field instanceof List<?> envelope) {
                envelope(envelope, out);
            } else if (message && i == 8 && field instanceof List<?> body) {
                body(body, out);
            } else {
                write(field, out);
            }
        }
        out.append(')');
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
