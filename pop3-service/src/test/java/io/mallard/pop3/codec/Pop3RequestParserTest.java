package io.mallard.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Wire line → request or the -ERR text, one row per case. */
class Pop3RequestParserTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("STAT", Pop3Request.of(Verb.STAT)),
                Arguments.of("stat", Pop3Request.of(Verb.STAT)),
                Arguments.of("StAt ", Pop3Request.of(Verb.STAT)),
                Arguments.of("USER alice", Pop3Request.of(Verb.USER, "alice")),
                Arguments.of("user alice@example.com", Pop3Request.of(Verb.USER, "alice@example.com")),
                Arguments.of("PASS secret with spaces ", Pop3Request.of(Verb.PASS, "secret with spaces ")),
                Arguments.of("PASS pässwörd", Pop3Request.of(Verb.PASS, "pässwörd")),
                Arguments.of("LIST", Pop3Request.of(Verb.LIST)),
                Arguments.of("LIST 12", Pop3Request.of(Verb.LIST, "12")),
                Arguments.of("UIDL  3", Pop3Request.of(Verb.UIDL, "3")),
                Arguments.of("RETR 1", Pop3Request.of(Verb.RETR, "1")),
                Arguments.of("DELE 0", Pop3Request.of(Verb.DELE, "0")),
                Arguments.of("TOP 1 0", Pop3Request.of(Verb.TOP, "1", "0")),
                Arguments.of("NOOP", Pop3Request.of(Verb.NOOP)),
                Arguments.of("RSET", Pop3Request.of(Verb.RSET)),
                Arguments.of("QUIT", Pop3Request.of(Verb.QUIT)),
                Arguments.of("CAPA", Pop3Request.of(Verb.CAPA)),
                Arguments.of("STLS", Pop3Request.of(Verb.STLS)),
                Arguments.of("AUTH", Pop3Request.of(Verb.AUTH)),
                Arguments.of("AUTH PLAIN", Pop3Request.of(Verb.AUTH, "PLAIN")),
                Arguments.of("AUTH PLAIN AGFsaWNlAHNlY3JldA==", Pop3Request.of(Verb.AUTH, "PLAIN", "AGFsaWNlAHNlY3JldA==")),
                Arguments.of("AUTH PLAIN =", Pop3Request.of(Verb.AUTH, "PLAIN", "=")),
                Arguments.of("", new InvalidRequest("Empty command")),
                Arguments.of("   ", new InvalidRequest("Empty command")),
                Arguments.of("FOO", new InvalidRequest("Unknown command: FOO")),
                Arguments.of("APOP alice c4c9334bac560ecc979e58001b3e22fb", new InvalidRequest("Unknown command: APOP")),
                Arguments.of("STATISTICS", new InvalidRequest("Unknown command: STATISTICS")),
                Arguments.of("ST", new InvalidRequest("Unknown command: ST")),
                Arguments.of("STAT 1", new InvalidRequest("Syntax: STAT")),
                Arguments.of("USER", new InvalidRequest("Syntax: USER name")),
                Arguments.of("USER a b", new InvalidRequest("Syntax: USER name")),
                Arguments.of("PASS", new InvalidRequest("Syntax: PASS password")),
                Arguments.of("RETR", new InvalidRequest("Syntax: RETR msg")),
                Arguments.of("RETR 1 2", new InvalidRequest("Syntax: RETR msg")),
                Arguments.of("RETR one", new InvalidRequest("Invalid number: one")),
                Arguments.of("RETR -1", new InvalidRequest("Invalid number: -1")),
                Arguments.of("RETR 99999999999", new InvalidRequest("Invalid number: 99999999999")),
                Arguments.of("TOP 1", new InvalidRequest("Syntax: TOP msg n")),
                Arguments.of("TOP 1 x", new InvalidRequest("Invalid number: x")),
                Arguments.of("LIST 1 2", new InvalidRequest("Syntax: LIST [msg]")),
                Arguments.of("AUTH PLAIN a b", new InvalidRequest("Syntax: AUTH mechanism [initial-response]")),
                Arguments.of("STAT\tx", new InvalidRequest("Invalid characters in command line")),
                Arguments.of("US\0ER a", new InvalidRequest("Invalid characters in command line")),
                Arguments.of("X".repeat(254), new InvalidRequest("Command line too long")),
                Arguments.of("FOOBARBAZQUUXFOOBARBAZQUUX", new InvalidRequest("Unknown command: FOOBARBAZQUUXFOOBARB...")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void parses(String line, ParsedLine expected) {
        assertThat(Pop3RequestParser.parse(line.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @Test
    void invalidUtf8AndBinaryGarbageAreRefusedNotDecoded() {
        assertThat(Pop3RequestParser.parse(new byte[] {'U', 'S', 'E', 'R', ' ', (byte) 0xC3, (byte) 0x28}))
                .isEqualTo(new InvalidRequest("Invalid characters in command line"));
        byte[] garbage = new byte[200];
        new java.util.Random(7).nextBytes(garbage);
        assertThat(Pop3RequestParser.parse(garbage)).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void passwordsNeverReachTheLog() {
        assertThat(Pop3Request.of(Verb.PASS, "hunter2").toString()).doesNotContain("hunter2");
    }
}
