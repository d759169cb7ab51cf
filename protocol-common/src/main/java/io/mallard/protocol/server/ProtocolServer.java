package io.mallard.protocol.server;

import io.mallard.protocol.limit.IdleTimeoutHandler;
import io.mallard.protocol.proxy.ProxyProtocolHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * A TCP listener for a line protocol. Each connection goes through: PROXY header (optional) →
 * implicit TLS (optional) → idle timeout → admission (per-address limit, {@code onConnect} hook)
 * → greeting → {@code FrameDecoder} → the protocol's {@link ProtocolSession}.
 *
 * <p>Built on a plain Netty {@link ServerBootstrap} rather than Reactor Netty's {@code TcpServer}:
 * sessions consume typed frames, not a {@code Flux<ByteBuf>}, and the pipeline must be rearranged
 * at run time (admission replaced by the decoder, TLS inserted first by STARTTLS), which Reactor
 * Netty's connection bridge would sit in the way of. Reactor's {@link Mono} remains the async type
 * for hooks and shutdown.
 *
 * <pre>{@code
 * ProtocolServer imap = new ProtocolServer(ServerConfig.builder("imap")
 *         .port(1143).tls(tls).literals(new ImapLiteralDetector())
 *         .limiter(sharedLimiter).hooks(hooks).replies(imapReplies)
 *         .sessions(info -> new ImapSession(info, mailStore))
 *         .build());
 * imap.start();
 * ...
 * imap.shutdown(Duration.ofSeconds(10)).block();
 * }</pre>
 */
public final class ProtocolServer {

    private final ServerConfig config;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Set<SessionContext> open = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;
    private Channel listener;

    /** A server with its own event loops. */
    public ProtocolServer(ServerConfig config) {
        this(config, new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory()), true);
    }

    /** A server on shared NIO event loops, which it leaves running on shutdown. */
    public ProtocolServer(ServerConfig config, EventLoopGroup group) {
        this(config, group, false);
    }

    private ProtocolServer(ServerConfig config, EventLoopGroup group, boolean ownsGroup) {
        this.config = config;
        this.group = group;
        this.ownsGroup = ownsGroup;
    }

    /** Binds the port; blocks the calling thread (never an event loop) until bound. */
    public synchronized InetSocketAddress start() {
        if (listener != null) {
            throw new IllegalStateException(config.protocol() + " server already started");
        }
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        configure(channel);
                    }
                })
                .bind(config.host(), config.port())
                .syncUninterruptibly()
                .channel();
        return address();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /**
     * Stops accepting, sends every session its goodbye once its running command is done, and closes
     * whatever is still open after {@code grace}. Completes when all connections are closed.
     */
    public Mono<Void> shutdown(Duration grace) {
        return Mono.defer(() -> {
            shuttingDown = true;
            Mono<Void> unbound = listener == null ? Mono.empty() : completion(listener.close());
            open.forEach(session -> session.channel().eventLoop().execute(session::shutdown));
            Mono<Void> drained = completion(connections.newCloseFuture())
                    .timeout(grace, Mono.defer(() -> completion(connections.close())));
            Mono<Void> released = ownsGroup
                    ? Mono.defer(() -> completion(group.shutdownGracefully(0, 1, TimeUnit.SECONDS)))
                    : Mono.empty();
            return unbound.then(drained).then(released);
        });
    }

    private void configure(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("quickack", QuickAckOnFlush.INSTANCE);
        if (config.implicitTls()) {
            pipeline.addLast("tls", config.tls().newHandler(channel.alloc()));
        }
        pipeline.addLast(IdleTimeoutHandler.NAME, new IdleTimeoutHandler(config.idleTimeout(), ctx -> ctx.channel()
                .writeAndFlush(ReplyLine.encode(ctx.alloc(), config.replies().idleTimeout()))
                .addListener(ChannelFutureListener.CLOSE)));
        pipeline.addLast("gate", new ConnectionGate(config, open, () -> shuttingDown));
        if (config.proxyProtocol()) {
            // The PROXY header precedes everything, TLS included (PROXY protocol spec §2).
            ProxyProtocolHandler.install(pipeline);
        }
    }

    private static Mono<Void> completion(Future<?> future) {
        return Mono.create(sink -> future.addListener(done -> sink.success()));
    }
}
