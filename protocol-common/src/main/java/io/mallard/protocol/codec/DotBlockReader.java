package io.mallard.protocol.codec;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;

/**
 * Streams SMTP/LMTP DATA content (RFC 5321 §4.1.1.4, §4.5.2): removes the stuffed leading dot of
 * a line, stops at CRLF.CRLF, and keeps at most one chunk in memory.
 *
 * <p>Only a CRLF ends a line here. A bare LF or CR followed by a dot is content, never a
 * terminator nor a stuffed dot: accepting {@code LF.LF} is what makes SMTP smuggling possible
 * when the next hop reads the end of data differently.
 */
final class DotBlockReader {

    private final int maxChunkSize;
    private long maxSize;
    private long size;
    private boolean tooBig;
    private boolean atLineStart;
    private boolean lastWasCr;

    DotBlockReader(int maxChunkSize) {
        this.maxChunkSize = maxChunkSize;
    }

    void start(long maxSize) {
        this.maxSize = maxSize;
        size = 0;
        tooBig = false;
        atLineStart = true;
        lastWasCr = false;
    }

    /** @return true once the terminator was consumed and {@link ContentEnd} emitted */
    boolean read(ByteBuf in, List<Object> out) {
        byte[] chunk = new byte[Math.min(maxChunkSize, in.readableBytes())];
        int filled = 0;
        boolean overflowNow = false;
        while (in.isReadable() && (tooBig || filled < chunk.length)) {
            int start = in.readerIndex();
            if (atLineStart && in.getByte(start) == '.') {
                int terminator = terminatorAt(in, start);
                if (terminator < 0) {
                    break;
                }
                if (terminator == 1) {
                    if (filled > 0) {
                        break;
                    }
                    in.skipBytes(3);
                    out.add(new ContentEnd());
                    return true;
                }
                in.skipBytes(1);
                atLineStart = false;
                continue;
            }
            int room = tooBig ? in.readableBytes() : Math.min(in.readableBytes(), chunk.length - filled);
            int lf = in.indexOf(start, start + room, (byte) '\n');
            int length = lf < 0 ? room : lf - start + 1;
            atLineStart = lf >= 0 && (length >= 2 ? in.getByte(lf - 1) == '\r' : lastWasCr);
            lastWasCr = in.getByte(start + length - 1) == '\r';
            if (!tooBig && size + filled + length > maxSize) {
                tooBig = true;
                overflowNow = true;
            }
            if (tooBig) {
                in.skipBytes(length);
            } else {
                in.readBytes(chunk, filled, length);
                filled += length;
            }
        }
        if (filled > 0) {
            size += filled;
            out.add(new ContentChunk(Arrays.copyOf(chunk, filled)));
        }
        if (overflowNow) {
            out.add(new DataTooBig(maxSize));
        }
        return false;
    }

    /** 1: ".CRLF" terminator; 0: a stuffed dot; -1: not enough octets yet to tell. */
    private static int terminatorAt(ByteBuf in, int start) {
        int readable = in.readableBytes();
        if (readable < 2) {
            return -1;
        }
        if (in.getByte(start + 1) != '\r') {
            return 0;
        }
        if (readable < 3) {
            return -1;
        }
        return in.getByte(start + 2) == '\n' ? 1 : 0;
    }
}
