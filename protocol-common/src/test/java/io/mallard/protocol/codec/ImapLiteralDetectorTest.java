package io.mallard.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImapLiteralDetectorTest {

    private final ImapLiteralDetector detector = new ImapLiteralDetector();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "A1 LOGIN {5}          | 5   | true  | false",
            "A1 LOGIN {5+}         | 5   | false | false",
            "A1 APPEND x ~{12}     | 12  | true  | true",
            "A1 APPEND x ~{12+}    | 12  | false | true",
            "{0}                   | 0   | true  | false",
            "A1 X {007}            | 7   | true  | false"})
    void findsAnnouncedLiterals(String line, long size, boolean synchronizing, boolean binary) {
        assertThat(detector.detect(line.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(new LiteralStart(size, synchronizing, binary));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
            "A1 NOOP", "A1 X {}", "A1 X {+}", "A1 X {5", "A1 X 5}", "A1 X {5a}", "A1 X {-5}", "A1 X {5}x", "}", "{5 }"})
    void ignoresLinesWithoutAnAnnouncement(String line) {
        assertThat(detector.detect(line.getBytes(StandardCharsets.US_ASCII))).isNull();
    }
}
