package io.mallard.protocol.codec;

import static io.mallard.protocol.codec.FrameFeeder.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Input meant to exhaust memory or confuse framing ends in a clean error frame, never in a big buffer. */
class HostileInputTest {

    private static final FrameLimits LIMITS = new FrameLimits(8192, 1024 * 1024, 64 * 1024);

    @Test
    void tenMegabyteLineWithoutCrlfYieldsOneErrorAndBoundedBuffer() {
        FrameFeeder feeder = new FrameFeeder(LIMITS, new ImapLiteralDetector());
        byte[] piece = new byte[16 * 1024];
        Arrays.fill(piece, (byte) 'a');
        List<Frame> frames = new ArrayList<>();

        for (int written = 0; written < 10 * 1024 * 1024; written += piece.length) {
            frames.addAll(feeder.feed(piece, piece.length));
            assertThat(feeder.decoder().bufferedBytes()).isLessThanOrEqualTo(LIMITS.maxLineLength() + 2);
        }
        frames.addAll(feeder.feed("\r\nA1 NOOP\r\n", 64));

        assertThat(frames).containsExactly(new LineTooLong(8192), line("A1 NOOP"));
    }

    @Test
    void tenGigabyteSynchronizingLiteralIsRefusedWithoutConsumingAnything() {
        FrameFeeder feeder = new FrameFeeder(LIMITS, new ImapLiteralDetector());

        List<Frame> frames = feeder.feed("A1 APPEND INBOX {10737418240}\r\nA2 NOOP\r\n", 1 << 20);

        assertThat(frames).containsExactly(line("A1 APPEND INBOX {10737418240}"),
                new LiteralTooBig(10737418240L, true, LIMITS.maxLiteralSize()), line("A2 NOOP"));
        assertThat(feeder.decoder().bufferedBytes()).isZero();
    }

    @Test
    void literalCountOverflowingALongIsRefusedAsTooBig() {
        FrameFeeder feeder = new FrameFeeder(LIMITS, new ImapLiteralDetector());

        List<Frame> frames = feeder.feed("A1 APPEND INBOX {99999999999999999999999}\r\n", 7);

        assertThat(frames).element(1).isEqualTo(new LiteralTooBig(Long.MAX_VALUE, true, LIMITS.maxLiteralSize()));
    }

    @Test
    void tenGigabyteNonSynchronizingLiteralIsDiscardedAsItStreams() {
        FrameFeeder feeder = new FrameFeeder(LIMITS, new ImapLiteralDetector());
        List<Frame> frames = new ArrayList<>(feeder.feed("A1 APPEND INBOX {10737418240+}\r\n", 1024));
        byte[] piece = new byte[64 * 1024];
        Arrays.fill(piece, (byte) '\n');

        for (int i = 0; i < 64; i++) {
            frames.addAll(feeder.feed(piece, piece.length));
            assertThat(feeder.decoder().bufferedBytes()).isZero();
        }

        assertThat(frames).containsExactly(line("A1 APPEND INBOX {10737418240+}"),
                new LiteralTooBig(10737418240L, false, LIMITS.maxLiteralSize()));
        assertThat(feeder.decoder().state()).isEqualTo(FrameDecoder.State.SKIP);
    }

    @Test
    void overlongDotBlockStopsChunksAndStillFindsTheTerminator() {
        FrameFeeder feeder = new FrameFeeder(LIMITS, LiteralDetector.NONE);
        String body = "x".repeat(998) + "\r\n";

        List<Frame> frames = feeder.feed("DATA\r\n" + body.repeat(50) + ".\r\nQUIT\r\n", 333);

        long content = frames.stream().filter(ContentChunk.class::isInstance)
                .mapToLong(f -> ((ContentChunk) f).length()).sum();
        assertThat(content).isLessThanOrEqualTo(FrameFeeder.DATA_LIMIT);
        assertThat(frames).containsSubsequence(new DataTooBig(FrameFeeder.DATA_LIMIT), new ContentEnd(), line("QUIT"));
    }

    @Test
    void droppedInputIsNeverDecodedEvenWhenAlreadyBuffered() {
        FrameFeeder feeder = new FrameFeeder(LIMITS, LiteralDetector.NONE);
        FrameDecoder decoder = feeder.decoder();
        List<Frame> frames = new ArrayList<>(feeder.feed("A1 NOOP\r\nSECRET", 64));

        decoder.dropInput();
        frames.addAll(feeder.feed("\r\nMORE\r\n", 64));
        decoder.lineMode();
        frames.addAll(feeder.feed("A2 NOOP\r\n", 64));

        assertThat(frames).containsExactly(line("A1 NOOP"), line("A2 NOOP"));
    }
}
