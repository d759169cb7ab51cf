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
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;

/**
 * What a {@link ProtocolSession} may do with its connection: write, close, mark itself busy,
 * switch the decoder's mode, upgrade to TLS. Writes are safe from any thread.
 */
public final class SessionContext {

    private static final String INFLATE = "inflate";
    private static final String DEFLATE = "deflate";
    /** The most one inflated buffer holds; the frame decoder bounds lines and literals after it. */
    private static final int MAX_INFLATE_CHUNK = 64 * 1024;

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

    /**
     * Queues raw bytes without sending them yet; the next {@link #write} or {@link #flush} sends
     * everything queued, in order. For the many lines of one response (an IMAP FETCH of fifty
     * messages is fifty lines): one socket write instead of one each. Any thread.
     */
    public ChannelFuture writeLater(ByteBuf data) {
        return channel.write(data);
    }

    /** Sends what {@link #writeLater} queued. Any thread. */
    public void flush() {
        channel.flush();
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

    /**
     * RFC 4978 COMPRESS=DEFLATE: sends {@code okResponse} as it is, then deflates everything written
     * and inflates everything read, as raw deflate (RFC 1951) inside TLS when TLS is on. The returned
     * future completes once compression is in place; call on the event loop, with reading paused.
     */
    public ChannelFuture startCompression(ByteBuf okResponse) {
        return channel.writeAndFlush(okResponse).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                channel.close();
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            // Inbound: TLS, then inflate; outbound: deflate, then TLS. SNI renames the TLS handler.
            ChannelHandlerContext tlsHandler = pipeline.context(SslHandler.class);
            if (tlsHandler != null) {
                pipeline.addAfter(tlsHandler.name(), INFLATE,
                        ZlibCodecFactory.newZlibDecoder(ZlibWrapper.NONE, MAX_INFLATE_CHUNK));
                pipeline.addAfter(tlsHandler.name(), DEFLATE, ZlibCodecFactory.newZlibEncoder(ZlibWrapper.NONE));
            } else {
                pipeline.addFirst(INFLATE, ZlibCodecFactory.newZlibDecoder(ZlibWrapper.NONE, MAX_INFLATE_CHUNK));
                pipeline.addFirst(DEFLATE, ZlibCodecFactory.newZlibEncoder(ZlibWrapper.NONE));
            }
        });
    }

    public boolean compressionActive() {
        return channel.pipeline().get(INFLATE) != null;
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
