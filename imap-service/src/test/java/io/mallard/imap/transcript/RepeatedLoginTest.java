package io.mallard.imap.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.imap.support.TestServer;
import io.mallard.imap.support.Transcript;
import io.mallard.model.user.PasswordHasher;
import io.mallard.model.user.User;
import io.mallard.model.user.UserStore;
import io.mallard.model.user.UserUpdate;

/**
 * A client that logs in again with the password that just worked (a phone waking up, a second
 * connection of the same account) is let in without a second Argon2id derivation; a password
 * change, made anywhere, ends that at once, and the old password is refused.
 */
@Timeout(120)
class RepeatedLoginTest {

    @Test
    void aSecondLoginWithTheSamePasswordDerivesNoKeyAndAChangedPasswordEndsThat(@TempDir Path dir) throws IOException {
        try (TestServer server = TestServer.start(dir)) {
            User user = server.user("phone");
            PasswordHasher hasher = server.bean(PasswordHasher.class);
            Map<String, String> variables = Map.of("user", user.username(), "password", TestServer.PASSWORD,
                    "changed", "a-new-Passw0rd");
            List<String> login = List.of(
                    "C: a1 LOGIN ${user} \"${password}\"",
                    "S: a1 OK .*Logged in",
                    "C: a2 LOGOUT",
                    "S: \\* BYE .*",
                    "S: a2 OK .*");

            long start = hasher.verifications();
            Transcript.run(server.port(), login, variables);
            Transcript.run(server.port(), login, variables);
            Transcript.run(server.port(), login, variables);
            assertThat(hasher.verifications() - start).as("only the first login derives a key").isEqualTo(1);

            server.bean(UserStore.class).update(user.id(), UserUpdate.NONE.withPassword("a-new-Passw0rd")).block();
            long changed = hasher.verifications();
            Transcript.run(server.port(), List.of(
                    "C: b1 LOGIN ${user} \"${password}\"",
                    "S: b1 NO \\[AUTHENTICATIONFAILED\\] .*",
                    "C: b2 LOGIN ${user} \"${changed}\"",
                    "S: b2 OK .*Logged in"), variables);
            assertThat(hasher.verifications() - changed).as("both passwords checked against the new hash").isEqualTo(2);
        }
    }
}
