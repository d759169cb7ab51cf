package io.mallard.protocol.codec;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds bytes to a {@link FrameDecoder} in chunks of a given size and collects the frames, with
 * a stand-in session that switches to BDAT/DATA mode on those lines the way an LMTP session would.
 */
final class FrameFeeder {

    static final long DATA_LIMIT = 1000;

    private final FrameDecoder decoder;
    private final EmbeddedChannel channel;

    FrameFeeder(FrameLimits limits, LiteralDetector detector) {
        decoder = new FrameDecoder(limits, detector);
        channel = new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Line line) {
                    String text = line.text();
                    if (text.startsWith("BDAT ")) {
                        decoder.expectBytes(Long.parseLong(text.substring(5).trim()));
                    } else if (text.equals("DATA")) {
                        decoder.expectDotBlock(DATA_LIMIT);
                    }
                }
                ctx.fireChannelRead(msg);
            }
        });
    }

    FrameDecoder decoder() {
        return decoder;
    }

    /** Writes {@code input} in pieces of {@code chunkSize} octets and returns all frames, chunks merged. */
    List<Frame> feed(byte[] input, int chunkSize) {
        for (int i = 0; i < input.length; i += chunkSize) {
            int length = Math.min(chunkSize, input.length - i);
            channel.writeInbound(Unpooled.copiedBuffer(input, i, length));
        }
        return drain();
    }

    List<Frame> feed(String input, int chunkSize) {
        return feed(input.getBytes(StandardCharsets.ISO_8859_1), chunkSize);
    }

    List<Frame> drain() {
        List<Frame> frames = new ArrayList<>();
        ByteArrayOutputStream content = null;
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            if (msg instanceof ContentChunk chunk) {
                content = content == null ? new ByteArrayOutputStream() : content;
                content.writeBytes(chunk.data());
                continue;
            }
            if (content != null) {
                frames.add(new ContentChunk(content.toByteArray()));
                content = null;
            }
            frames.add((Frame) msg);
        }
        if (content != null) {
            frames.add(new ContentChunk(content.toByteArray()));
        }
        return frames;
    }


    static Line line(String text) {
        return new Line(text.getBytes(StandardCharsets.ISO_8859_1), true);
    }

    static Line lfLine(String text) {
        return new Line(text.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    static ContentChunk chunk(String data) {
        return new ContentChunk(data.getBytes(StandardCharsets.ISO_8859_1));
    }
}
