package io.mallard.protocol.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.socket.nio.NioChannelOption;
import jdk.net.ExtendedSocketOptions;

/**
 * After each flush, asks Linux to acknowledge the client's next segment at once (TCP_QUICKACK).
 * Once a connection trades short lines both ways, the kernel delays its acknowledgements by up to
 * 40 ms in the hope of sending them with an answer. A client with Nagle's algorithm on (Python's
 * imaplib and smtplib, every client that never sets TCP_NODELAY) holds back a small write until its
 * previous one is acknowledged, and a command in two writes with no answer in between (an IMAP
 * literal followed by its line's CRLF, a message followed by the end of its DATA) is thus stalled
 * for the whole delay: an imaplib APPEND took 45 ms against 2 ms. What the server has just flushed
 * is what the client answers, so that is when to turn the delay off; the kernel turns it on again by
 * itself. Dovecot does the same after each flush. Elsewhere the option does not exist and this
 * handler does nothing.
 */
@ChannelHandler.Sharable
final class QuickAckOnFlush extends ChannelOutboundHandlerAdapter {

    static final QuickAckOnFlush INSTANCE = new QuickAckOnFlush();

    private static final ChannelOption<Boolean> QUICKACK = NioChannelOption.of(ExtendedSocketOptions.TCP_QUICKACK);

    private QuickAckOnFlush() {
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
        if (ctx.channel().isOpen()) {
            // false, not an exception, where the platform lacks the option
            ctx.channel().config().setOption(QUICKACK, true);
        }
    }
}
