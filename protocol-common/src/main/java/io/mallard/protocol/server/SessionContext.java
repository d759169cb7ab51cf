package io.mallard.protocol.server;

import io.mallard.protocol.codec.FrameDecoder;
import io.mallard.protocol.hook.ConnectionInfo;
import io.mallard.protocol.limit.IdleTimeoutHandler;
import io.mallard.protocol.limit.SessionActivity;
import io.mallard.protocol.tls.StartTlsUpgrade;
import io.mallard.protocol.tls.TlsSettings;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;

/**
 * What a {@link ProtocolSession} may do with its connection: write, close, mark itself busy,
 * switch the decoder's mode, upgrade to TLS. Writes are safe from any thread.
 */
public final class SessionContext {

    private final Channel channel;
    private final ConnectionInfo info;
    private final FrameDecoder decoder;
    private final TlsSettings tls;
    private final Replies replies;
    private final SessionActivity activity;
    private volatile boolean shuttingDown;
    private boolean goodbyeSent;

    SessionContext(Channel channel, ConnectionInfo info, FrameDecoder decoder, TlsSettings tls, Replies replies) {
        this.channel = channel;
        this.info = info;
        this.decoder = decoder;
        this.tls = tls;
        this.replies = replies;
        this.activity = SessionActivity.of(channel);
    }

    public ConnectionInfo info() {
        return info;
    }

    /** For streaming large responses with back-pressure ({@code isWritable}, {@code alloc}). */
    public Channel channel() {
        return channel;
    }

    /** For BDAT and DATA ({@link FrameDecoder#expectBytes}, {@link FrameDecoder#expectDotBlock}); event loop only. */
    public FrameDecoder decoder() {
        return decoder;
    }

    /** Sends one line; CRLF is added. */
    public ChannelFuture write(String line) {
        return channel.writeAndFlush(ReplyLine.encode(channel.alloc(), line));
    }

    /** Sends raw bytes, e.g. a literal; the buffer is released by the transport. */
    public ChannelFuture write(ByteBuf data) {
        return channel.writeAndFlush(data);
    }

    /** Sends a last line, then closes once it is flushed. */
    public ChannelFuture close(String lastLine) {
        return write(lastLine).addListener(ChannelFutureListener.CLOSE);
    }

    /** A command is running or a response is streaming: no idle timeout, shutdown waits. Calls nest. */
    public void markBusy() {
        activity.begin();
    }

    /** The matching end of {@link #markBusy}; a shutdown that was waiting sends its goodbye now. */
    public void markIdle() {
        if (activity.end() && shuttingDown) {
            channel.eventLoop().execute(this::sayGoodbye);
        }
    }

    /**
     * Stops decoding after the current frame, for a command that completes asynchronously:
     * pipelined commands wait in the socket until {@link #resumeReading()}. Call from
     * {@link ProtocolSession#onFrame}.
     */
    public void pauseReading() {
        decoder.pause();
    }

    /** Continues decoding after {@link #pauseReading()}; any thread. */
    public void resumeReading() {
        if (channel.eventLoop().inEventLoop()) {
            decoder.resume();
        } else {
            channel.eventLoop().execute(decoder::resume);
        }
    }

    /**
     * From now on the connection may stay silent for {@code timeout} before the idle goodbye, e.g.
     * longer once a client has logged in than before (RFC 9051 §5.4); the clock starts again. Any thread.
     */
    public void idleTimeout(Duration timeout) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> idleTimeout(timeout));
            return;
        }
        if (channel.pipeline().get(IdleTimeoutHandler.NAME) instanceof IdleTimeoutHandler current) {
            channel.pipeline().replace(current, IdleTimeoutHandler.NAME, current.withTimeout(timeout));
        }
    }

    public boolean tlsActive() {
        ChannelPipeline pipeline = channel.pipeline();
        return pipeline.get(SslHandler.class) != null || pipeline.get(SniHandler.class) != null;
    }

    /** Whether STARTTLS may be offered: certificates configured and TLS not yet active. */
    public boolean startTlsAvailable() {
        return tls != null && !tlsActive();
    }

    /**
     * Begins STARTTLS: from now on nothing read in the clear is decoded. Call from
     * {@link ProtocolSession#onFrame} for the STARTTLS command, then {@link StartTlsUpgrade#complete}
     * with the OK line.
     */
    public StartTlsUpgrade startTls() {
        if (!startTlsAvailable()) {
            throw new IllegalStateException("STARTTLS not available on this connection");
        }
        return new StartTlsUpgrade(channel, decoder, tls);
    }

    /** Encodes a line for {@link StartTlsUpgrade#complete} or for streaming. */
    public ByteBuf encode(String line) {
        return ReplyLine.encode(channel.alloc(), line);
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** Event loop: say goodbye now, or as soon as the running command ends. */
    void shutdown() {
        shuttingDown = true;
        if (!activity.busy()) {
            sayGoodbye();
        }
    }

    private void sayGoodbye() {
        if (!goodbyeSent && channel.isActive()) {
            goodbyeSent = true;
            close(replies.shutdown());
        }
    }
}
