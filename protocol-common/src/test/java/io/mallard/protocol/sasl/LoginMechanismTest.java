package io.mallard.protocol.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginMechanismTest {

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void promptsForUsernameThenPassword() {
        LoginMechanism login = new LoginMechanism(64);

        assertThat(login.start(null)).isEqualTo(new SaslStep.Challenge("VXNlcm5hbWU6"));
        assertThat(login.next(b64("tim"))).isEqualTo(new SaslStep.Challenge("UGFzc3dvcmQ6"));
        assertThat(login.next(b64("secret")))
                .isEqualTo(new SaslStep.Success(new SaslCredentials("", "tim", "secret")));
        assertThat(login.next(b64("again"))).isEqualTo(new SaslStep.Failure(SaslError.UNEXPECTED));
    }

    @Test
    void initialResponseIsTheUsername() {
        LoginMechanism login = new LoginMechanism(64);

        assertThat(login.start(b64("tim"))).isEqualTo(new SaslStep.Challenge(LoginMechanism.PASSWORD_PROMPT));
        assertThat(login.next(b64("secret")))
                .isEqualTo(new SaslStep.Success(new SaslCredentials("", "tim", "secret")));
    }

    @ParameterizedTest(name = "username {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "*           | CANCELLED",
            "dGlt*       | MALFORMED_BASE64",
            "=           | MALFORMED_MESSAGE",
            "dGltAA==    | MALFORMED_MESSAGE",
            "/w==        | MALFORMED_MESSAGE"})
    void rejectsBadUsernames(String response, SaslError error) {
        LoginMechanism login = new LoginMechanism(64);
        login.start(null);

        assertThat(login.next(response)).isEqualTo(new SaslStep.Failure(error));
        assertThat(login.next(b64("secret"))).isEqualTo(new SaslStep.Failure(SaslError.UNEXPECTED));
    }

    @Test
    void cancelAtPasswordPromptEndsTheExchange() {
        LoginMechanism login = new LoginMechanism(64);
        login.start(b64("tim"));

        assertThat(login.next("*")).isEqualTo(new SaslStep.Failure(SaslError.CANCELLED));
    }

    @Test
    void rejectsOversizePassword() {
        LoginMechanism login = new LoginMechanism(64);
        login.start(b64("tim"));

        assertThat(login.next(b64("p".repeat(100)))).isEqualTo(new SaslStep.Failure(SaslError.TOO_LONG));
    }

    @Test
    void mechanismsAreFoundCaseInsensitively() {
        SaslMechanisms mechanisms = new SaslMechanisms(SaslMechanisms.DEFAULT_MAX_LENGTH);

        assertThat(mechanisms.create("plain")).get().extracting(SaslMechanism::name).isEqualTo("PLAIN");
        assertThat(mechanisms.create("Login")).get().extracting(SaslMechanism::name).isEqualTo("LOGIN");
        assertThat(mechanisms.create("CRAM-MD5")).isEmpty();
    }
}
