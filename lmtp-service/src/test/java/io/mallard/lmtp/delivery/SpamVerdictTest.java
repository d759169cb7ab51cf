package io.mallard.lmtp.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Header section reading and the spam decision against the user's spam level. */
class SpamVerdictTest {

    private static final SpamVerdict VERDICT = new SpamVerdict("X-Spam-Status", "X-Rspamd-Score");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "X-Spam-Status: Yes, score=7.1|50|true",
            "x-spam-status: yes|50|true",
            "X-Spam-Status: No, score=1.0|50|false",
            "X-Spam-Status: Yes|100|false",
            "X-Rspamd-Score: 5.0|50|true",
            "X-Rspamd-Score: 4.99|50|false",
            "X-Rspamd-Score: 7.5 / 15|80|false",
            "X-Rspamd-Score: 8.0 / 15|80|true",
            "X-Rspamd-Score: -3|0|true",
            "X-Rspamd-Score: junk|10|false",
            "Subject: X-Spam-Status: Yes|50|false",
            "X-Other: 1|50|false"})
    void decides(String header, int spamLevel, boolean spam) {
        byte[] raw = ("From: a@b.org\r\n" + header + "\r\n\r\nX-Spam-Status: Yes\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(VERDICT.spam(HeaderSection.of(raw), spamLevel)).isEqualTo(spam);
    }

    static Stream<Arguments> headerSections() {
        return Stream.of(
                Arguments.of("Message-ID: <a@b>\r\n\r\n", "<a@b>"),
                Arguments.of("Message-ID:\r\n <folded@b>\r\n\r\n", "<folded@b>"),
                Arguments.of("message-id: <lower@b>\n\n", "<lower@b>"),
                Arguments.of("Subject: x\r\n\r\nMessage-ID: <body@b>\r\n", null),
                Arguments.of("Message-ID: <first@b>\r\nMessage-ID: <second@b>\r\n\r\n", "<first@b>"));
    }

    @ParameterizedTest
    @MethodSource("headerSections")
    void readsTheHeaderSectionOnly(String raw, String expected) {
        assertThat(HeaderSection.of(raw.getBytes(StandardCharsets.UTF_8)).value("Message-ID").orElse(null))
                .isEqualTo(expected);
    }
}
