package io.mallard.protocol.codec;

import static io.mallard.protocol.codec.FrameFeeder.chunk;
import static io.mallard.protocol.codec.FrameFeeder.lfLine;
import static io.mallard.protocol.codec.FrameFeeder.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Wire → frames, every case fed whole, in odd-sized pieces and byte by byte. */
class FrameDecoderTest {

    private static final FrameLimits LIMITS = new FrameLimits(20, 100, 4);
    private static final int[] CHUNK_SIZES = {Integer.MAX_VALUE, 7, 3, 2, 1};

    record Case(String name, String wire, List<Frame> frames) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> table = List.of(
                new Case("crlf line", "A1 NOOP\r\n", List.of(line("A1 NOOP"))),
                new Case("bare lf line", "USER a\n", List.of(lfLine("USER a"))),
                new Case("empty lines", "a\r\nb\n\r\n", List.of(line("a"), lfLine("b"), line(""))),
                new Case("bare cr stays content", "a\rb\r\n", List.of(line("a\rb"))),
                new Case("cr cr lf keeps one cr", "a\r\r\n", List.of(line("a\r"))),
                new Case("longest line accepted", "01234567890123456789\r\n", List.of(line("01234567890123456789"))),
                new Case("too long line then recovery", "012345678901234567890\r\nok\r\n",
                        List.of(new LineTooLong(20), line("ok"))),
                new Case("too long lf line", "012345678901234567890\nok\n", List.of(new LineTooLong(20), lfLine("ok"))),
                new Case("synchronizing literal", "A1 LOGIN {5}\r\nhello world\r\n",
                        List.of(line("A1 LOGIN {5}"), new LiteralStart(5, true, false), chunk("hello"),
                                new ContentEnd(), line(" world"))),
                new Case("non-synchronizing literals", "A1 LOGIN {3+}\r\nabc {2+}\r\nxy\r\n",
                        List.of(line("A1 LOGIN {3+}"), new LiteralStart(3, false, false), chunk("abc"),
                                new ContentEnd(), line(" {2+}"), new LiteralStart(2, false, false), chunk("xy"),
                                new ContentEnd(), line(""))),
                new Case("empty literal", "A1 X {0}\r\n\r\n",
                        List.of(line("A1 X {0}"), new LiteralStart(0, true, false), new ContentEnd(), line(""))),
                new Case("binary literal with nul and crlf", "A ~{4}\r\n\0\r\nX\r\n",
                        List.of(line("A ~{4}"), new LiteralStart(4, true, true), chunk("\0\r\nX"),
                                new ContentEnd(), line(""))),
                new Case("crlf inside literal forges no line", "A1 LOGIN {6}\r\nx\r\nA2 \r\n",
                        List.of(line("A1 LOGIN {6}"), new LiteralStart(6, true, false), chunk("x\r\nA2 "),
                                new ContentEnd(), line(""))),
                new Case("literal longer than a chunk", "A {30}\r\n012345678901234567890123456789\r\n",
                        List.of(line("A {30}"), new LiteralStart(30, true, false),
                                chunk("012345678901234567890123456789"), new ContentEnd(), line(""))),
                new Case("too big synchronizing literal consumes nothing", "A1 APPEND {101}\r\nA2 NOOP\r\n",
                        List.of(line("A1 APPEND {101}"), new LiteralTooBig(101, true, 100), line("A2 NOOP"))),
                new Case("too big non-synchronizing literal is skipped", "A1 APPEND {101+}\r\n" + "x".repeat(101)
                        + " rest\r\nA2 NOOP\r\n",
                        List.of(line("A1 APPEND {101+}"), new LiteralTooBig(101, false, 100), line(" rest"),
                                line("A2 NOOP"))),
                new Case("bdat counted block", "BDAT 5\r\nab\r\ncNOOP\r\n",
                        List.of(line("BDAT 5"), chunk("ab\r\nc"), new ContentEnd(), line("NOOP"))),
                new Case("dot block with stuffing", "DATA\r\nline1\r\n..stuffed\r\n.\r\nQUIT\r\n",
                        List.of(line("DATA"), chunk("line1\r\n.stuffed\r\n"), new ContentEnd(), line("QUIT"))),
                new Case("empty dot block", "DATA\r\n.\r\nQUIT\r\n", List.of(line("DATA"), new ContentEnd(), line("QUIT"))),
                new Case("bare lf dot is content", "DATA\r\na\n.\nb\r\n.\r\n",
                        List.of(line("DATA"), chunk("a\n.\nb\r\n"), new ContentEnd())),
                new Case("bare cr dot is content", "DATA\r\na\r.\rb\r\n.\r\n",
                        List.of(line("DATA"), chunk("a\r.\rb\r\n"), new ContentEnd())),
                new Case("dot then cr is unstuffed", "DATA\r\n.\rx\r\n..\r\n.\r\n",
                        List.of(line("DATA"), chunk("\rx\r\n.\r\n"), new ContentEnd())),
                new Case("dot block longer than a chunk", "DATA\r\n0123456789\r\n0123456789\r\n.\r\n",
                        List.of(line("DATA"), chunk("0123456789\r\n0123456789\r\n"), new ContentEnd())));
        List<Arguments> arguments = new ArrayList<>();
        for (Case c : table) {
            for (int size : CHUNK_SIZES) {
                arguments.add(Arguments.of(c, size));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} in pieces of {1}")
    @MethodSource("cases")
    void decodesWireIntoFrames(Case c, int chunkSize) {
        FrameFeeder feeder = new FrameFeeder(LIMITS, new ImapLiteralDetector());

        assertThat(feeder.feed(c.wire(), chunkSize)).containsExactlyElementsOf(c.frames());
        assertThat(feeder.decoder().state()).isEqualTo(FrameDecoder.State.LINE);
    }
}
