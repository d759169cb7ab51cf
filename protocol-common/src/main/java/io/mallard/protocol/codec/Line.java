package io.mallard.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One protocol line without its terminator. {@code crlf} tells whether the line ended in CRLF or
 * in a bare LF: RFC 9051 §2.2 and RFC 5321 §2.3.8 require CRLF, but being lenient on input is
 * safe for command lines, and a protocol that must be strict can check the flag.
 */
public record Line(byte[] content, boolean crlf) implements Frame {

    public Line {
        content = content.clone();
    }

    /** A copy, so that the record stays immutable. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    public int length() {
        return content.length;
    }

    /** The line as UTF-8 text (RFC 6855 lets IMAP lines carry UTF-8; the rest is ASCII). */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Line line && crlf == line.crlf && Arrays.equals(content, line.content);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(content) + Boolean.hashCode(crlf);
    }

    @Override
    public String toString() {
        return "Line[" + text() + (crlf ? "\\r\\n" : "\\n") + "]";
    }
}
