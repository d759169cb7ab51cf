package io.mallard.imap.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.mallard.protocol.codec.Frame;
import io.mallard.protocol.codec.FrameDecoder;
import io.mallard.protocol.codec.FrameLimits;
import io.mallard.protocol.codec.ImapLiteralDetector;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/** Feeds wire text through the real frame decoder and the assembler, in pieces of a given size. */
final class Wire {

    /** Whole, in odd pieces, and byte by byte. */
    static final int[] CHUNK_SIZES = {Integer.MAX_VALUE, 5, 2, 1};

    private Wire() {
    }

    static EmbeddedChannel decoder() {
        return new EmbeddedChannel(new FrameDecoder(new FrameLimits(1000, 1000, 16), new ImapLiteralDetector()));
    }

    /** The complete commands the wire text holds, fed {@code chunkSize} octets at a time. */
    static List<byte[]> assemble(String wire, int chunkSize) {
        EmbeddedChannel channel = decoder();
        CommandAssembler assembler = new CommandAssembler(10_000);
        List<byte[]> commands = new ArrayList<>();
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunkSize) {
            int end = (int) Math.min(bytes.length, (long) i + chunkSize);
            channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, i, end)));
            for (Object frame; (frame = channel.readInbound()) != null;) {
                if (assembler.accept((Frame) frame) instanceof CommandAssembler.Complete c) {
                    commands.add(c.command());
                }
            }
        }
        return commands;
    }

    /** The one command of {@code wire}, parsed, the same whatever the chunking. */
    static ImapRequest parseEachWay(String wire) {
        ImapRequest first = null;
        for (int size : CHUNK_SIZES) {
            List<byte[]> commands = assemble(wire, size);
            if (commands.size() != 1) {
                throw new AssertionError("chunk size " + size + ": " + commands.size() + " commands");
            }
            ImapRequest request = CommandParser.parse(commands.get(0));
            if (first != null && !first.toString().equals(request.toString())) {
                throw new AssertionError("chunk size " + size + " parsed differently: " + request);
            }
            first = request;
        }
        return first;
    }
}
