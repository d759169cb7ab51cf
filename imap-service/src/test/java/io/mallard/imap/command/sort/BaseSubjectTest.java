package io.mallard.imap.command.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 5256 §2.1 base subjects, each step of the extraction, and the reply/forward mark THREAD uses. */
class BaseSubjectTest {

    static Stream<Arguments> subjects() {
        return Stream.of(
                Arguments.of("hello", "hello", false),
                Arguments.of("Re: hello", "hello", true),
                Arguments.of("RE[5]:   hello", "hello", true),
                Arguments.of("re:re:Fwd: hello", "hello", true),
                Arguments.of("Fw : hello", "hello", true),
                Arguments.of("FWD[2] : hello", "hello", true),
                Arguments.of("hello (fwd)", "hello", true),
                Arguments.of("Fwd: Re: hello (FWD)  (fwd) ", "hello", true),
                Arguments.of("[fwd: Re: hello]", "hello", true),
                Arguments.of("Re: [fwd: [list] hello] (fwd)", "hello", true),
                Arguments.of("[list] hello", "hello", false),
                Arguments.of("[list] [team] Re: hello", "hello", true),
                Arguments.of("[list]", "[list]", false),
                Arguments.of("Re: [list]", "[list]", true),
                Arguments.of("Re:", "", true),
                Arguments.of("Reply: hello", "Reply: hello", false),
                Arguments.of("hello\tworld \r\n  again  ", "hello world again", false),
                Arguments.of("[open bracket hello", "[open bracket hello", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void extractsTheBaseSubject(String subject, String base, boolean reply) {
        assertThat(BaseSubject.of(subject)).isEqualTo(new BaseSubject(base, reply));
    }

    @Test
    void noSubjectIsEmpty() {
        assertThat(BaseSubject.of(null)).isEqualTo(new BaseSubject("", false));
    }

    @Test
    void asciiCasemapFoldsOnlyAsciiLetters() {
        assertThat(AsciiCasemap.compare("alice", "ALICE")).isZero();
        assertThat(AsciiCasemap.compare("bob", "BOB@x")).isNegative();
        assertThat(AsciiCasemap.compare("zoe", "Émile")).isNegative();
        assertThat(AsciiCasemap.compare("é", "É")).isNotZero();
        assertThat(AsciiCasemap.compare("\uFFFD", "\uD83D\uDE00")).as("code point, not UTF-16, order").isNegative();
        assertThat(BaseSubject.of("Re: Project KICKOFF").key()).isEqualTo(BaseSubject.of("project kickoff").key());
    }
}
