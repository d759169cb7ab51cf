package io.mallard.pop3.codec;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

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
        ByteBuf in = Unpooled.wrappedBuffer(chunk); // a view: nothing copied
        int consumed = bodyLines < 0 ? whole(in, out) : lineByLine(in, out);
        chunk.position(chunk.position() + consumed);
    }

    /**
     * RETR: the chunk is copied as it is, then searched for the dots that begin a line. Mail rarely
     * has one (encoded attachments never), so that search over the copy, a word at a time, is
     * usually all; a chunk that has one goes again line by line.
     */
    private int whole(ByteBuf in, ByteBuf out) {
        int start = out.writerIndex();
        out.writeBytes(in, in.readerIndex(), in.readableBytes());
        int end = out.writerIndex();
        for (int dot = out.indexOf(start, end, (byte) '.'); dot >= 0; dot = out.indexOf(dot + 1, end, (byte) '.')) {
            if (dot == start ? lineStart : out.getByte(dot - 1) == '\n') {
                out.writerIndex(start);
                return lineByLine(in, out);
            }
        }
        if (end > start) {
            lineStart = out.getByte(end - 1) == '\n';
        }
        return end - start;
    }

    /**
     * From LF to LF (found a word at a time): only a line's first octet can need a dot, and the
     * runs between stuffed dots are copied in bulk. TOP also counts lines here.
     */
    private int lineByLine(ByteBuf in, ByteBuf out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int runStart = start;
        int at = start;
        while (at < end && !done) {
            if (lineStart && in.getByte(at) == '.') {
                out.writeBytes(in, runStart, at - runStart);
                out.writeByte('.');
                runStart = at;
            }
            lineStart = false;
            int lf = in.indexOf(at, end, (byte) '\n');
            int lineEnd = lf < 0 ? end : lf;
            if (bodyLines >= 0 && !inBody) {
                lineEmpty &= onlyCarriageReturns(in, at, lineEnd);
            }
            at = lineEnd;
            if (lf >= 0) {
                at++;
                endLine();
            }
        }
        out.writeBytes(in, runStart, at - runStart);
        return at - start;
    }

    /** Whether {@code [from, to)} holds nothing but CR: TOP's blank line that ends the header. */
    private static boolean onlyCarriageReturns(ByteBuf in, int from, int to) {
        for (int i = from; i < to; i++) {
            if (in.getByte(i) != '\r') {
                return false;
            }
        }
        return true;
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
