package io.mallard.protocol.codec;

import static io.mallard.protocol.codec.FrameFeeder.chunk;
import static io.mallard.protocol.codec.FrameFeeder.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An asynchronous session sees one command at a time and may switch mode before the next one. */
class FlowControlTest {

    private final FrameDecoder decoder = new FrameDecoder(FrameLimits.defaults(), LiteralDetector.NONE);
    private final List<Frame> seen = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            seen.add((Frame) msg);
            if (msg instanceof Line) {
                decoder.pause();
            }
        }
    });

    private void write(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    @Test
    void pausedDecoderDeliversNothingMoreAndStopsReading() {
        write("A1 NOOP\r\nA2 NOOP\r\n");

        assertThat(seen).containsExactly(line("A1 NOOP"));
        assertThat(channel.config().isAutoRead()).isFalse();

        decoder.resume();
        channel.runPendingTasks();
        assertThat(seen).containsExactly(line("A1 NOOP"), line("A2 NOOP"));
        assertThat(channel.config().isAutoRead()).isFalse();
    }

    @Test
    void modeSwitchedWhilePausedAppliesToBufferedOctets() {
        write("BDAT 3\r\nabcQUIT\r\n");
        assertThat(seen).containsExactly(line("BDAT 3"));

        decoder.expectBytes(3);
        decoder.resume();
        channel.runPendingTasks();

        assertThat(seen).containsExactly(line("BDAT 3"), chunk("abc"), new ContentEnd(), line("QUIT"));
    }

    @Test
    void plaintextBufferedWhilePausedDuringStartTlsIsNeverDecoded() {
        write("STARTTLS\r\n");
        decoder.dropInput();
        write("SECRET\r\n");

        decoder.lineMode();
        decoder.resume();
        channel.runPendingTasks();
        write("AFTER\r\n");

        assertThat(seen).containsExactly(line("STARTTLS"), line("AFTER"));
    }
}
