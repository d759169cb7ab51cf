package io.mallard.imap.transcript;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.imap.support.TestServer;
import io.mallard.imap.support.Transcript;
import io.mallard.model.user.AppPasswordStore;
import io.mallard.model.user.Scope;
import io.mallard.model.user.TotpCheck;
import io.mallard.model.user.TotpCodes;
import io.mallard.model.user.TotpSetup;
import io.mallard.model.user.User;

/**
 * With TOTP on, IMAP has no second-factor step, so the master password is refused and only an
 * application password opens a session (WildDuck's rule, in the shared credential check).
 */
class TwoFactorLoginTest {

    @Test
    void theMasterPasswordIsRefusedAndAnApplicationPasswordWorks(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            User user = server.user("guarded");
            TotpCheck totp = server.bean(TotpCheck.class);
            TotpSetup setup = totp.setup(user.id(), "Mallard", user.username()).block();
            totp.enable(user.id(), TotpCodes.code(setup.seed(), Instant.now())).block();
            String asp = server.bean(AppPasswordStore.class).create(user.id(), "mail app", Set.of(Scope.IMAP), null)
                    .block().password();

            Transcript.run(server.port(), List.of(
                    "C: a1 LOGIN ${user} \"${password}\"",
                    "S: a1 NO \\[AUTHENTICATIONFAILED\\] .*",
                    "C: a2 LOGIN ${user} ${asp}",
                    "S: a2 OK .*Logged in"),
                    Map.of("user", user.username(), "password", TestServer.PASSWORD, "asp", asp));
        }
    }
}
