package io.mallard.lmtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Command line → record, and the lines refused as syntax errors (501 5.5.4). */
class CommandParserTest {

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("LHLO mx.example.org", new LmtpCommand.Lhlo("mx.example.org")),
                Arguments.of("lhlo [127.0.0.1]", new LmtpCommand.Lhlo("[127.0.0.1]")),
                Arguments.of("EHLO x", new LmtpCommand.SmtpGreeting("EHLO")),
                Arguments.of("HELO x", new LmtpCommand.SmtpGreeting("HELO")),
                Arguments.of("MAIL FROM:<a@b.org>", new LmtpCommand.MailFrom("a@b.org", -1, "7BIT", false)),
                Arguments.of("mail from: <a@b.org>", new LmtpCommand.MailFrom("a@b.org", -1, "7BIT", false)),
                Arguments.of("MAIL FROM:<>", new LmtpCommand.MailFrom("", -1, "7BIT", false)),
                Arguments.of("MAIL FROM:<a@b.org> SIZE=1000 BODY=8BITMIME",
                        new LmtpCommand.MailFrom("a@b.org", 1000, "8BITMIME", false)),
                Arguments.of("MAIL FROM:<δοκιμή@παράδειγμα.ελ> SMTPUTF8 body=8bitmime",
                        new LmtpCommand.MailFrom("δοκιμή@παράδειγμα.ελ", -1, "8BITMIME", true)),
                Arguments.of("MAIL FROM:<@relay.org:a@b.org>", new LmtpCommand.MailFrom("a@b.org", -1, "7BIT", false)),
                Arguments.of("MAIL FROM:<a@b.org> RET=HDRS ENVID=x", new LmtpCommand.MailFrom("a@b.org", -1, "7BIT", false)),
                Arguments.of("MAIL FROM:<\"john doe\"@b.org>",
                        new LmtpCommand.MailFrom("\"john doe\"@b.org", -1, "7BIT", false)),
                Arguments.of("RCPT TO:<user+tag@example.com>", new LmtpCommand.RcptTo("user+tag@example.com")),
                Arguments.of("RCPT TO:<u@[192.0.2.1]> NOTIFY=NEVER", new LmtpCommand.RcptTo("u@[192.0.2.1]")),
                Arguments.of("DATA", new LmtpCommand.Data()),
                Arguments.of("BDAT 100", new LmtpCommand.Bdat(100, false)),
                Arguments.of("bdat 0 last", new LmtpCommand.Bdat(0, true)),
                Arguments.of("RSET", new LmtpCommand.Rset()),
                Arguments.of("NOOP", new LmtpCommand.Noop()),
                Arguments.of("NOOP anything", new LmtpCommand.Noop()),
                Arguments.of("QUIT", new LmtpCommand.Quit()),
                Arguments.of("VRFY postmaster", new LmtpCommand.Vrfy("postmaster")),
                Arguments.of("STARTTLS", new LmtpCommand.StartTls()),
                Arguments.of("XYZZY 1", new LmtpCommand.Unknown("XYZZY")),
                Arguments.of("", new LmtpCommand.Unknown("")));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void parses(String line, LmtpCommand expected) {
        assertThat(CommandParser.parse(line)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "LHLO", "LHLO a b", "MAIL", "MAIL TO:<a@b.org>", "MAIL FROM:a@b.org", "MAIL FROM:<a@b.org",
            "MAIL FROM:<a@b.org> SIZE=x", "MAIL FROM:<a@b.org> SIZE=", "MAIL FROM:<a@b.org> BODY=9BIT",
            "MAIL FROM:<a@b.org> SMTPUTF8=yes", "MAIL FROM:<a@b.org> FOO=1", "MAIL FROM:<a@b.org>SIZE=1",
            "MAIL FROM:<a@b.org> SIZE=1 SIZE=2", "RCPT TO:<>", "RCPT TO:<nobody>", "RCPT TO:<@b.org>",
            "RCPT TO:<a@>", "RCPT TO:<a b@c.org>", "RCPT TO:<a..b@c.org>", "RCPT TO:<a@b..org>",
            "RCPT TO:<a@b.org> SIZE=1", "RCPT TO:<a\u0001@b.org>", "RCPT FROM:<a@b.org>", "DATA x", "BDAT",
            "BDAT x", "BDAT -1", "BDAT 1 FIRST", "BDAT 1 LAST more", "RSET now", "QUIT now", "STARTTLS x"})
    void refusesMalformed(String line) {
        assertThatThrownBy(() -> CommandParser.parse(line)).isInstanceOf(CommandSyntaxException.class);
    }

    @Test
    void refusesPathsLongerThanTheRfcLimit() {
        String local = "a".repeat(300);
        assertThatThrownBy(() -> CommandParser.parse("RCPT TO:<" + local + "@b.org>"))
                .isInstanceOf(CommandSyntaxException.class);
    }

    @Test
    void replyLinesCarryTheEnhancedCodeExceptInTheLhloReply() {
        assertThat(LmtpReply.of(250, "2.1.5", "OK").lines()).containsExactly("250 2.1.5 OK");
        assertThat(new LmtpReply(250, null, List.of("mx", "PIPELINING")).lines())
                .containsExactly("250-mx", "250 PIPELINING");
        assertThat(LmtpReply.of(550, "5.1.1", "a\r\nb").lines()).containsExactly("550 5.1.1 a  b");
    }
}
