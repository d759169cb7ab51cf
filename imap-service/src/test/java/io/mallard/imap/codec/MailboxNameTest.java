package io.mallard.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3501 §5.1.3 modified UTF-7, both ways, with the RFC's own example. */
class MailboxNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "INBOX|INBOX",
            "Sent Mail|Sent Mail",
            "Tom & Jerry|Tom &- Jerry",
            "~peter/mail/台北/日本語|~peter/mail/&U,BTFw-/&ZeVnLIqe-",
            "Entwürfe|Entw&APw-rfe",
            "😀|&2D3eAA-"})
    void roundTrips(String unicode, String wire) {
        assertThat(MailboxName.encode(unicode)).isEqualTo(wire);
        assertThat(MailboxName.decode(wire)).isEqualTo(unicode);
    }

    @ParameterizedTest
    @CsvSource({"&Jjo", "&U,B-", "a&*-"})
    void malformedIsASyntaxError(String wire) {
        assertThatThrownBy(() -> MailboxName.decode(wire)).isInstanceOf(ImapSyntaxException.class);
    }
}
