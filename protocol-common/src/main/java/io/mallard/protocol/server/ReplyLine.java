package io.mallard.protocol.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/** Encodes one reply line: UTF-8 text plus the CRLF every protocol here requires. */
final class ReplyLine {

    private ReplyLine() {
    }

    static ByteBuf encode(ByteBufAllocator allocator, String line) {
        ByteBuf buffer = allocator.buffer(ByteBufUtil.utf8MaxBytes(line) + 2);
        ByteBufUtil.writeUtf8(buffer, line);
        buffer.writeByte('\r').writeByte('\n');
        return buffer;
    }
}
