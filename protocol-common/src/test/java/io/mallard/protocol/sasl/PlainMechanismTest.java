package io.mallard.protocol.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainMechanismTest {

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SaslStep initial(String response) {
        return new PlainMechanism(64).start(response);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "'\0tim\0tanstaaftanstaaf'   | ''     | tim   | tanstaaftanstaaf",
            "'Ursel\0Kurt\0xipj3plmq'    | Ursel  | Kurt  | xipj3plmq",
            "'\0jürgen\0pässwörd'        | ''     | jürgen| pässwörd",
            "'\0a\0pass with spaces'     | ''     | a     | pass with spaces"})
    void decodesValidMessages(String message, String authzid, String authcid, String password) {
        assertThat(initial(b64(message)))
                .isEqualTo(new SaslStep.Success(new SaslCredentials(authzid, authcid, password)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "AHRpbQB0YW5z!!!                     | MALFORMED_BASE64",
            "AHRpbQB0YW5z=AAA                    | MALFORMED_BASE64",
            "dGltAHNlY3JldA==                    | MALFORMED_MESSAGE",
            "dGltc2VjcmV0                        | MALFORMED_MESSAGE",
            "AAB0YW5zdGFhZg==                    | MALFORMED_MESSAGE",
            "AHRpbQA=                            | MALFORMED_MESSAGE",
            "AHRpbQBwYXNzAGV4dHJh                | MALFORMED_MESSAGE",
            "AP8AcGFzcw==                        | MALFORMED_MESSAGE",
            "*                                   | CANCELLED",
            "=                                   | MALFORMED_MESSAGE"})
    void rejectsMalformedResponses(String response, SaslError error) {
        assertThat(initial(response)).isEqualTo(new SaslStep.Failure(error));
    }

    @Test
    void rejectsResponsesOverTheLimit() {
        assertThat(initial(b64("\0user\0" + "p".repeat(100)))).isEqualTo(new SaslStep.Failure(SaslError.TOO_LONG));
    }

    @Test
    void withoutInitialResponseSendsEmptyChallengeThenDecodes() {
        PlainMechanism plain = new PlainMechanism(64);

        assertThat(plain.start(null)).isEqualTo(new SaslStep.Challenge(""));
        assertThat(plain.next(b64("\0tim\0secret")))
                .isEqualTo(new SaslStep.Success(new SaslCredentials("", "tim", "secret")));
        assertThat(plain.next(b64("\0tim\0secret"))).isEqualTo(new SaslStep.Failure(SaslError.UNEXPECTED));
    }

    @Test
    void credentialsNeverPrintThePassword() {
        assertThat(new SaslCredentials("", "tim", "secret").toString()).doesNotContain("secret");
    }
}
