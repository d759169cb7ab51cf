package io.mallard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.mallard.model.user.AppPasswordStore;
import io.mallard.model.user.Scope;
import io.mallard.model.user.TotpCheck;
import io.mallard.model.user.TotpCodes;
import io.mallard.model.user.TotpSetup;
import io.mallard.model.user.User;

/**
 * {@code POST /authenticate} for a user with TOTP on: without a code the answer asks for one and
 * carries no token; with a fresh code the same call logs in; a wrong or reused code is a failed
 * login and counts towards the lockout; IMAP and POP3 refuse the master password.
 */
class TwoFactorLoginTest {

    @TempDir
    static Path dir;

    static AuthServer server;

    @BeforeAll
    static void start() {
        server = new AuthServer(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** TOTP on for the user, confirmed with the code of the clock's current step; returns the seed. */
    static String enableTotp(User user) {
        TotpCheck totp = server.bean(TotpCheck.class);
        TotpSetup setup = totp.setup(user.id(), "Mallard", user.username()).block();
        assertThat(totp.enable(user.id(), TotpCodes.code(setup.seed(), server.clock.instant())).block()).isTrue();
        return setup.seed();
    }

    static WebTestClient.ResponseSpec login(String username, String password, String totp, String scope) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "password", password, "token", true));
        if (totp != null) {
            body.put("totp", totp);
        }
        if (scope != null) {
            body.put("scope", scope);
            body.remove("token");
        }
        return server.client.post().uri("/authenticate").bodyValue(body).exchange();
    }

    @Test
    void withoutACodeTheAnswerAsksForTheSecondFactorAndCarriesNoToken() {
        User carol = server.user("carol", "carol-password");
        enableTotp(carol);
        login("carol", "carol-password", null, null).expectStatus().isOk().expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.require2fa").isEqualTo(List.of("totp"))
                .jsonPath("$.token").doesNotExist();
    }

    @Test
    void aFreshCodeInTheSameCallLogsInOnceOnly() {
        User dana = server.user("dana", "dana-password");
        String seed = enableTotp(dana);
        server.clock.advance(Duration.ofSeconds(30));
        String code = TotpCodes.code(seed, server.clock.instant());

        Map<?, ?> body = login("dana", "dana-password", code, null).expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        assertThat(body.get("require2fa")).isEqualTo(false);
        server.describe((String) body.get("token")).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(dana.id().toHexString());

        // RFC 6238 §5.2: the code is spent.
        login("dana", "dana-password", code, null).expectStatus().isForbidden().expectBody()
                .jsonPath("$.code").isEqualTo("AuthFailed");
        // A right code with a wrong password reveals nothing either.
        server.clock.advance(Duration.ofSeconds(30));
        login("dana", "wrong-password", TotpCodes.code(seed, server.clock.instant()), null).expectStatus().isForbidden();
        login("dana", "dana-password", "12345", null).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.code").isEqualTo("InputValidationError");
    }

    @Test
    void wrongCodesCountTowardsTheLockout() {
        User erin = server.user("erin", "erin-password");
        String seed = enableTotp(erin);
        String wrong = TotpCodes.code(seed, server.clock.instant().minusSeconds(3600));
        for (int i = 0; i < 12; i++) {
            login("erin", "erin-password", wrong, null).expectStatus().isForbidden();
        }
        server.clock.advance(Duration.ofSeconds(30));
        login("erin", "erin-password", TotpCodes.code(seed, server.clock.instant()), null)
                .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
    }

    @Test
    void imapAndPop3ScopesRefuseTheMasterPasswordButTakeAnApplicationPassword() {
        User fred = server.user("fred", "fred-password");
        enableTotp(fred);
        String asp = server.bean(AppPasswordStore.class).create(fred.id(), "phone", java.util.Set.of(Scope.IMAP), null)
                .block().password();
        login("fred", "fred-password", null, "imap").expectStatus().isForbidden();
        login("fred", "fred-password", null, "pop3").expectStatus().isForbidden();
        login("fred", asp, null, "imap").expectStatus().isOk().expectBody().jsonPath("$.require2fa").isEqualTo(false);
    }
}
