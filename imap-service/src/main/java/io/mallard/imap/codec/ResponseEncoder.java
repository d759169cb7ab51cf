package io.mallard.imap.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Response values to octets, each response ending in CRLF. The only place that quotes, escapes or
 * chooses a literal: a text holding CR, LF, NUL or a non-ASCII octet, or longer than a line should
 * carry, becomes a literal, so no content can end a response line early and forge the next one
 * (RFC 9051 §4.3, §9 "quoted" excludes CR and LF).
 */
public final class ResponseEncoder {

    private static final int MAX_QUOTED = 1024;

    private ResponseEncoder() {
    }

    public static byte[] encode(Response response) {
        return encode(response, false);
    }

    /**
     * @param utf8 UTF8=ACCEPT is enabled (RFC 6855 §3): mailbox names go out as UTF-8, not modified
     *     UTF-7, and quoted strings may hold UTF-8
     */
    public static byte[] encode(Response response, boolean utf8) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (response instanceof Response.Tagged tagged) {
            status(out, tagged.tag(), tagged.status(), tagged.code(), tagged.text());
        } else if (response instanceof Response.Condition condition) {
            status(out, "*", condition.status(), condition.code(), condition.text());
        } else if (response instanceof Response.Continuation continuation) {
            ascii(out, "+ " + continuation.text());
        } else if (response instanceof Response.Data data) {
            ascii(out, "*");
            for (Value value : data.values()) {
                out.write(' ');
                value(out, value, utf8);
            }
        }
        ascii(out, "\r\n");
        return out.toByteArray();
    }

    private static void status(ByteArrayOutputStream out, String tag, Response.Status status, String code, String text) {
        ascii(out, tag + " " + status);
        if (code != null) {
            ascii(out, " [" + oneLine(code) + "]");
        }
        ascii(out, " " + oneLine(text == null || text.isEmpty() ? "done" : text));
    }

    private static void value(ByteArrayOutputStream out, Value value, boolean utf8) {
        if (value instanceof Value.Atom atom) {
            ascii(out, oneLine(atom.text()));
        } else if (value instanceof Value.Raw raw) {
            out.writeBytes(raw.text().getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof Value.Str str) {
            string(out, str.text().getBytes(StandardCharsets.UTF_8), utf8);
        } else if (value instanceof Value.Mailbox mailbox) {
            string(out, (utf8 ? mailbox.name() : MailboxName.encode(mailbox.name())).getBytes(StandardCharsets.UTF_8),
                    utf8);
        } else if (value instanceof Value.Literal literal) {
            if (literal.binary() && containsNul(literal.bytes())) {
                out.write('~');
            }
            literal(out, literal.bytes());
        } else if (value instanceof Value.ListOf list) {
            out.write('(');
            for (int i = 0; i < list.items().size(); i++) {
                if (i > 0) {
                    out.write(' ');
                }
                value(out, list.items().get(i), utf8);
            }
            out.write(')');
        }
    }

    private static void string(ByteArrayOutputStream out, byte[] bytes, boolean utf8) {
        if (bytes.length > MAX_QUOTED || !quotable(bytes, utf8)) {
            literal(out, bytes);
            return;
        }
        out.write('"');
        // Runs between the characters that need a backslash go out whole, not octet by octet
        // through the stream's synchronized write.
        int from = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '"' || bytes[i] == '\\') {
                out.write(bytes, from, i - from);
                out.write('\\');
                from = i;
            }
        }
        out.write(bytes, from, bytes.length - from);
        out.write('"');
    }

    /** Text from a Java string is valid UTF-8, so with UTF-8 on only line breaks and NUL force a literal. */
    private static boolean quotable(byte[] bytes, boolean utf8) {
        for (byte b : bytes) {
            if (b == '\r' || b == '\n' || b == 0 || (b < 0 && !utf8)) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static void literal(ByteArrayOutputStream out, byte[] bytes) {
        ascii(out, "{" + bytes.length + "}\r\n");
        out.writeBytes(bytes);
    }

    /** Free text in status responses cannot become a literal: line breaks turn into spaces. */
    private static String oneLine(String text) {
        return text.indexOf('\r') < 0 && text.indexOf('\n') < 0 ? text : text.replace('\r', ' ').replace('\n', ' ');
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
