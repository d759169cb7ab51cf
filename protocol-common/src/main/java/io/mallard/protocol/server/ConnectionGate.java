package io.mallard.protocol.server;

import io.mallard.protocol.codec.FrameDecoder;
import io.mallard.protocol.hook.ConnectionDecision;
import io.mallard.protocol.hook.ConnectionInfo;
import io.mallard.protocol.proxy.ClientAddress;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Admits a new connection once its real address is known (at once, or after the PROXY header):
 * per-address limit, then the {@code onConnect} hook; then greets and puts the frame decoder and
 * the session in its own place. A refused connection gets the protocol's rejection line and is closed.
 *
 * <p>IMAP, POP3 and LMTP servers speak first; bytes a client sends before the greeting are dropped.
 * With implicit TLS the limit and hook run while the handshake is going on, but the greeting or
 * rejection waits for the handshake: an SNI handler would otherwise let it out in the clear.
 */
final class ConnectionGate extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGate.class);
    static final String TOO_MANY = "Too many connections from your address";

    private final ServerConfig config;
    private final Set<SessionContext> open;
    private final BooleanSupplier shuttingDown;
    private boolean admitting;
    private boolean tlsReady;
    private Runnable afterHandshake;

    ConnectionGate(ServerConfig config, Set<SessionContext> open, BooleanSupplier shuttingDown) {
        this.config = config;
        this.open = open;
        this.shuttingDown = shuttingDown;
        this.tlsReady = !config.implicitTls();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.fireChannelActive();
        if (!config.proxyProtocol()) {
            admit(ctx);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ClientAddress.RESOLVED) {
            admit(ctx);
        } else if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (!handshake.isSuccess()) {
                ctx.close();
                return;
            }
            tlsReady = true;
            if (afterHandshake != null) {
                afterHandshake.run();
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{} connection closed before admission", config.protocol(), cause);
        ctx.close();
    }

    private void admit(ChannelHandlerContext ctx) {
        if (admitting) {
            return;
        }
        admitting = true;
        Channel channel = ctx.channel();
        if (shuttingDown.getAsBoolean()) {
            refuse(channel, config.replies().shutdown());
            return;
        }
        InetAddress address = ClientAddress.remote(channel).getAddress();
        if (!config.limiter().tryAcquire(address)) {
            refuse(channel, config.replies().rejection(TOO_MANY));
            return;
        }
        channel.closeFuture().addListener(closed -> config.limiter().release(address));
        ConnectionInfo info = new ConnectionInfo(config.protocol(), ClientAddress.local(channel),
                ClientAddress.remote(channel), config.implicitTls(), sessionId());
        // The close future completes once, so onClose runs exactly once, whatever the decision.
        channel.closeFuture().addListener(closed -> onClose(info));
        Mono.defer(() -> config.hooks().onConnect(info))
                .defaultIfEmpty(ConnectionDecision.reject("Connection refused"))
                .onErrorResume(error -> {
                    LOG.warn("{} onConnect hook failed for {}", config.protocol(), info, error);
                    return Mono.just(ConnectionDecision.reject("Temporary failure"));
                })
                .subscribe(decision -> channel.eventLoop().execute(() -> decide(ctx, info, decision)));
    }

    private void decide(ChannelHandlerContext ctx, ConnectionInfo info, ConnectionDecision decision) {
        Channel channel = ctx.channel();
        if (!channel.isActive()) {
            return;
        }
        if (!tlsReady) {
            afterHandshake = () -> decide(ctx, info, decision);
            return;
        }
        if (!decision.accepted()) {
            refuse(channel, config.replies().rejection(decision.reason()));
            return;
        }
        ProtocolSession session;
        try {
            session = config.sessions().create(info);
        } catch (RuntimeException e) {
            LOG.warn("{} session creation failed for {}", config.protocol(), info, e);
            refuse(channel, config.replies().rejection("Temporary failure"));
            return;
        }
        FrameDecoder decoder = new FrameDecoder(config.frameLimits(), config.literals());
        SessionContext context = new SessionContext(channel, info, decoder, config.tls(), config.replies());
        context.write(config.replies().greeting(info));
        ctx.pipeline().addAfter(ctx.name(), "session", new SessionHandler(session, context, open));
        ctx.pipeline().replace(this, "frames", decoder);
        open.add(context);
        if (shuttingDown.getAsBoolean()) {
            context.shutdown();
        }
    }

    private void onClose(ConnectionInfo info) {
        try {
            config.hooks().onClose(info);
        } catch (RuntimeException e) {
            LOG.warn("{} onClose hook failed for {}", config.protocol(), info, e);
        }
    }

    private void refuse(Channel channel, String line) {
        if (!tlsReady) {
            afterHandshake = () -> refuse(channel, line);
            return;
        }
        channel.writeAndFlush(ReplyLine.encode(channel.alloc(), line)).addListener(ChannelFutureListener.CLOSE);
    }

    private static String sessionId() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }
}
