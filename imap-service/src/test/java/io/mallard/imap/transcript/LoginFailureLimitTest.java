package io.mallard.imap.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.imap.support.TestServer;
import io.mallard.imap.support.Transcript;
import io.mallard.model.user.PasswordHasher;
import io.mallard.model.user.User;

/**
 * Guessing over IMAP meets the login-failure windows shared with POP3 and the API (WildDuck's
 * 12 per login name): a locked-out login gets the same {@code NO [AUTHENTICATIONFAILED]} as a
 * wrong password, so the proof that guessing stopped is that no more passwords were checked.
 */
@Timeout(120)
class LoginFailureLimitTest {

    private static final String FAILED = "a\\d+ NO \\[AUTHENTICATIONFAILED\\] .*";

    @Test
    void aThousandGuessesCheckOnlyTwelvePasswordsAndLockTheRightOneOutButNotOtherUsers(@TempDir Path dir)
            throws IOException {
        try (TestServer server = TestServer.start(dir, "mallard.access.login-failures=12",
                "mallard.access.login-window=10m")) {
            User victim = server.user("victim");
            User bystander = server.user("bystander");
            PasswordHasher hasher = server.bean(PasswordHasher.class);
            long before = hasher.verifications();

            List<String> guesses = new ArrayList<>();
            for (int i = 1; i <= 1000; i++) {
                guesses.add("C: a" + i + " LOGIN ${victim} wrong" + i);
                guesses.add("S: " + FAILED);
            }
            Transcript.run(server.port(), guesses, Map.of("victim", victim.username()));
            assertThat(hasher.verifications() - before).isEqualTo(12);

            Transcript.run(server.port(), List.of(
                    "C: a1 LOGIN ${victim} \"${password}\"",
                    "S: " + FAILED,
                    "C: a2 LOGIN ${bystander} \"${password}\"",
                    "S: a2 OK .*Logged in"),
                    Map.of("victim", victim.username(), "bystander", bystander.username(),
                            "password", TestServer.PASSWORD));
        }
    }

    @Test
    void theRightPasswordIsAcceptedOnceTheWindowHasPassed(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, "mallard.access.login-failures=3",
                "mallard.access.login-window=2s")) {
            User user = server.user("patient");
            Map<String, String> variables = Map.of("user", user.username(), "password", TestServer.PASSWORD);
            Transcript.run(server.port(), List.of(
                    "C: a1 LOGIN ${user} wrong",
                    "S: " + FAILED,
                    "C: a2 LOGIN ${user} wrong",
                    "S: " + FAILED,
                    "C: a3 LOGIN ${user} wrong",
                    "S: " + FAILED,
                    "C: a4 LOGIN ${user} \"${password}\"",
                    "S: " + FAILED), variables);

            Thread.sleep(2_500);

            Transcript.run(server.port(), List.of(
                    "C: a5 LOGIN ${user} \"${password}\"",
                    "S: a5 OK .*Logged in"), variables);
        }
    }
}
