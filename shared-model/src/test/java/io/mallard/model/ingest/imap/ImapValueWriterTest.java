package io.mallard.model.ingest.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImapValueWriterTest {

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(null, "NIL"),
                Arguments.of("plain", "\"plain\""),
                Arguments.of("", "\"\""),
                Arguments.of("say \"hi\" \\o/", "\"say \\\"hi\\\" \\\\o/\""),
                Arguments.of(42L, "42"),
                Arguments.of(7, "7"),
                Arguments.of("Grüße", "{7}\r\nGrüße"),
                Arguments.of("two\r\nlines", "{10}\r\ntwo\r\nlines"),
                Arguments.of(List.of(), "()"),
                Arguments.of(Arrays.asList("a", null, 1L, Arrays.asList(null, "b")), "(\"a\" NIL 1 (NIL \"b\"))"));
    }

    @ParameterizedTest
    @MethodSource("values")
    void rendersImapSyntax(Object value, String expected) {
        assertThat(ImapValueWriter.write(value)).isEqualTo(expected);
    }
}
