package io.mallard.protocol.server;

import io.mallard.protocol.codec.Frame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands decoded frames to the protocol session and tells it when the connection ends. */
final class SessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);

    private final ProtocolSession session;
    private final SessionContext context;
    private final Set<SessionContext> open;

    SessionHandler(ProtocolSession session, SessionContext context, Set<SessionContext> open) {
        this.session = session;
        this.context = context;
        this.open = open;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Frame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            session.onFrame(frame, context);
        } catch (RuntimeException e) {
            LOG.warn("{} session {} failed on {}", context.info().protocol(), context.info().sessionId(), frame, e);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.remove(context);
        try {
            session.onClose(context);
        } catch (RuntimeException e) {
            LOG.warn("{} session {} failed on close", context.info().protocol(), context.info().sessionId(), e);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{} session {} closed on error", context.info().protocol(), context.info().sessionId(), cause);
        ctx.close();
    }
}
