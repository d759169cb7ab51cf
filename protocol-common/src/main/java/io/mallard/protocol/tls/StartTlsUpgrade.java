package io.mallard.protocol.tls;

import io.mallard.protocol.codec.FrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

/**
 * Switches a plaintext connection to TLS in two steps, because of the command-injection attack
 * on STARTTLS (CVE-2011-0411 and friends; RFC 3207 §4.2, RFC 9051 §6.2.1, RFC 2595 §3.1):
 * anything the client sent after STARTTLS in the clear must never be executed once TLS is up.
 *
 * <ol>
 *   <li>the constructor, called from the session's callback for the STARTTLS line:
 *   the decoder drops what it has buffered and everything read from now on;</li>
 *   <li>{@link #complete}: writes the OK response, and once it is flushed puts the TLS handler at
 *   the front of the pipeline and lets the decoder read again, now behind TLS.</li>
 * </ol>
 */
public final class StartTlsUpgrade {

    private final Channel channel;
    private final FrameDecoder decoder;
    private final TlsSettings tls;

    /** Must run on the event loop, from the frame callback of the STARTTLS command. */
    public StartTlsUpgrade(Channel channel, FrameDecoder decoder, TlsSettings tls) {
        this.channel = channel;
        this.decoder = decoder;
        this.tls = tls;
        decoder.dropInput();
    }

    /** Sends {@code okResponse} in the clear, then starts TLS; the future is that of the write. */
    public ChannelFuture complete(ByteBuf okResponse) {
        return channel.writeAndFlush(okResponse).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                channel.close();
                return;
            }
            channel.pipeline().addFirst("tls", tls.newHandler(channel.alloc()));
            decoder.lineMode();
        });
    }
}
