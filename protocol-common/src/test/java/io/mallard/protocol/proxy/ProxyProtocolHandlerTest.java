package io.mallard.protocol.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyProtocolHandlerTest {

    private final List<Object> events = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            events.add(event);
        }
    });

    @Test
    void headerSetsAddressesLeavesThePipelineAndPassesTheRestOn() {
        ProxyProtocolHandler.install(channel.pipeline());

        channel.writeInbound(Unpooled.copiedBuffer(
                "PROXY TCP6 2001:db8::1 2001:db8::2 1234 143\r\nA1 NOOP\r\n", StandardCharsets.US_ASCII));

        assertThat(ClientAddress.remote(channel)).isEqualTo(new InetSocketAddress("2001:db8::1", 1234));
        assertThat(ClientAddress.local(channel)).isEqualTo(new InetSocketAddress("2001:db8::2", 143));
        assertThat(events).containsExactly(ClientAddress.RESOLVED);
        assertThat(channel.pipeline().names()).doesNotContain("proxy", "proxy-decoder");
        ByteBuf rest = channel.readInbound();
        try {
            assertThat(rest.toString(StandardCharsets.US_ASCII)).isEqualTo("A1 NOOP\r\n");
        } finally {
            rest.release();
        }
    }

    @Test
    void unknownProtocolKeepsTheSocketAddresses() {
        ProxyProtocolHandler.install(channel.pipeline());

        channel.writeInbound(Unpooled.copiedBuffer("PROXY UNKNOWN\r\n", StandardCharsets.US_ASCII));

        assertThat(events).containsExactly(ClientAddress.RESOLVED);
        assertThat(channel.attr(AttributeKey.valueOf("mallard.remoteAddress")).get()).isNull();
    }
}
