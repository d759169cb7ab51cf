package io.mallard.pop3.codec;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * Encodes a message as a POP3 multi-line response body (RFC 1939 §3): a line that starts with
 * "." gets one more, and the body ends with CRLF "." CRLF. Works chunk by chunk, keeping only the
 * line state between chunks, so a message of any size streams through a few kilobytes.
 *
 * <p>For TOP (RFC 1939 §7) it stops after the header, the blank line and {@code bodyLines} lines
 * of the body. Line ends are LF, with or without CR, as the stored original has them.
 */
public final class DotStuffer {

    private final long bodyLines;
    private boolean lineStart = true;
    private boolean lineEmpty = true;
    private boolean inBody;
    private long bodyLinesSent;
    private boolean done;

    private DotStuffer(long bodyLines) {
        this.bodyLines = bodyLines;
    }

    /** RETR: the whole message. */
    public static DotStuffer whole() {
        return new DotStuffer(-1);
    }

    /** TOP: the header and the first {@code lines} lines of the body. */
    public static DotStuffer top(long lines) {
        return new DotStuffer(lines);
    }

    /** Whether TOP has sent all it should; the rest of the content can be dropped unread. */
    public boolean done() {
        return done;
    }

    /** Appends {@code chunk}'s octets, stuffed, to {@code out}; stops early once TOP is {@linkplain #done done}. */
    public void encode(ByteBuffer chunk, ByteBuf out) {
        // Runs between stuffed dots are copied in bulk; the loop only reads, which the JIT makes cheap.
        int runStart = chunk.position();
        int at = runStart;
        int limit = chunk.limit();
        while (at < limit && !done) {
            byte b = chunk.get(at);
            if (lineStart && b == '.') {
                copy(chunk, runStart, at, out);
                out.writeByte('.');
                runStart = at;
            }
            lineStart = false;
            if (b == '\n') {
                endLine();
            } else if (b != '\r') {
                lineEmpty = false;
            }
            at++;
        }
        copy(chunk, runStart, at, out);
        chunk.position(at);
    }

    private static void copy(ByteBuffer chunk, int from, int to, ByteBuf out) {
        if (to > from) {
            out.writeBytes(chunk.duplicate().limit(to).position(from));
        }
    }

    /** Ends the response: CRLF if the content did not end a line, then the terminator. */
    public void finish(ByteBuf out) {
        if (!lineStart) {
            out.writeByte('\r').writeByte('\n');
        }
        out.writeByte('.').writeByte('\r').writeByte('\n');
        done = true;
    }

    private void endLine() {
        if (inBody) {
            bodyLinesSent++;
        } else if (lineEmpty) {
            inBody = true;
        }
        lineStart = true;
        lineEmpty = true;
        if (bodyLines >= 0 && inBody && bodyLinesSent >= bodyLines) {
            done = true;
        }
    }
}
