package io.mallard.protocol.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.InetSocketAddress;

/**
 * Reads the PROXY protocol header (v1 text or v2 binary, detected by Netty's decoder) that a load
 * balancer sends before anything else, records the real addresses in {@link ClientAddress}, then
 * leaves the pipeline and fires {@link ClientAddress#RESOLVED}.
 *
 * <p>A listener with PROXY enabled must only be reachable from the balancer: the header is
 * trusted as is. A connection without a valid header is closed by the decoder.
 */
public final class ProxyProtocolHandler extends ChannelInboundHandlerAdapter {

    /** Puts the decoder and this handler at the front of {@code pipeline}. */
    public static void install(ChannelPipeline pipeline) {
        pipeline.addFirst("proxy", new ProxyProtocolHandler());
        pipeline.addFirst("proxy-decoder", new HAProxyMessageDecoder());
    }

    private ProxyProtocolHandler() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            // LOCAL (v2 health checks) and UNKNOWN carry no client: keep the socket's addresses.
            if (header.command() == HAProxyCommand.PROXY && isTcp(header.proxiedProtocol())) {
                ClientAddress.set(ctx.channel(),
                        new InetSocketAddress(header.sourceAddress(), header.sourcePort()),
                        new InetSocketAddress(header.destinationAddress(), header.destinationPort()));
            }
        } finally {
            header.release();
        }
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(ClientAddress.RESOLVED);
    }

    private static boolean isTcp(HAProxyProxiedProtocol protocol) {
        return protocol == HAProxyProxiedProtocol.TCP4 || protocol == HAProxyProxiedProtocol.TCP6;
    }
}
