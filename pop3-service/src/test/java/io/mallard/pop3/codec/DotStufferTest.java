package io.mallard.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Message bytes → multi-line response body, fed whole, one octet at a time, and in read-only chunks. */
class DotStufferTest {

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("whole", -1, "A: b\r\n\r\nbody\r\n", "A: b\r\n\r\nbody\r\n.\r\n"),
                Arguments.of("whole", -1, ".leading\r\n..two\r\nmid.dle\r\n.\r\n", "..leading\r\n...two\r\nmid.dle\r\n..\r\n.\r\n"),
                Arguments.of("no final CRLF", -1, "A: b\r\n\r\nlast", "A: b\r\n\r\nlast\r\n.\r\n"),
                Arguments.of("bare LF", -1, "A: b\n\n.x\n", "A: b\n\n..x\n.\r\n"),
                Arguments.of("empty", -1, "", ".\r\n"),
                Arguments.of("TOP 0", 0, "A: b\r\nC: d\r\n\r\nl1\r\nl2\r\n", "A: b\r\nC: d\r\n\r\n.\r\n"),
                Arguments.of("TOP 1", 1, "A: b\r\n\r\n.l1\r\nl2\r\n", "A: b\r\n\r\n..l1\r\n.\r\n"),
                Arguments.of("TOP more than body", 9, "A: b\r\n\r\nl1\r\nl2", "A: b\r\n\r\nl1\r\nl2\r\n.\r\n"),
                Arguments.of("TOP header only", 2, "A: b\r\nC: d\r\n", "A: b\r\nC: d\r\n.\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void stuffsWhole(String name, int lines, String message, String expected) {
        assertThat(encode(lines, message, Integer.MAX_VALUE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void stuffsOneOctetAtATime(String name, int lines, String message, String expected) {
        assertThat(encode(lines, message, 1)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void stuffsReadOnlyChunksAsTheStoreHandsThemOut(String name, int lines, String message, String expected) {
        assertThat(encode(lines, message, 5, true)).isEqualTo(expected);
    }

    private static String encode(int lines, String message, int chunkSize) {
        return encode(lines, message, chunkSize, false);
    }

    private static String encode(int lines, String message, int chunkSize, boolean readOnly) {
        DotStuffer stuffer = lines < 0 ? DotStuffer.whole() : DotStuffer.top(lines);
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        ByteBuf out = Unpooled.buffer();
        for (int offset = 0; offset < bytes.length && !stuffer.done(); offset += chunkSize) {
            ByteBuffer chunk = ByteBuffer.wrap(bytes, offset, Math.min(chunkSize, bytes.length - offset));
            stuffer.encode(readOnly ? chunk.asReadOnlyBuffer() : chunk, out);
        }
        stuffer.finish(out);
        return out.toString(StandardCharsets.US_ASCII);
    }
}
