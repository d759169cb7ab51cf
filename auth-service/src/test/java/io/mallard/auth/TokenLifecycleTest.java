package io.mallard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;

import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.mallard.model.access.AccessTokens;
import io.mallard.model.access.TokenHash;
import io.mallard.model.store.RedisStore;
import io.mallard.model.user.User;
import io.mallard.model.user.UserStore;
import io.mallard.model.user.UserUpdate;

/** Tokens over real HTTP: issue, use, expire, slide, hard maximum, revoke one, revoke all, root. */
class TokenLifecycleTest {

    @TempDir
    static Path dir;

    static AuthServer server;
    static User alice;
    static User bob;

    @BeforeAll
    static void start() {
        server = new AuthServer(dir);
        alice = server.user("alice", "alice-password");
        bob = server.user("bob", "bob-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void loginIssuesTokenThatDescribesItsUser() {
        server.client.post().uri("/authenticate")
                .bodyValue(Map.of("username", "alice", "password", "alice-password", "token", true))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.id").isEqualTo(alice.id().toHexString())
                .jsonPath("$.username").isEqualTo("alice")
                .jsonPath("$.scope").isEqualTo("master")
                .jsonPath("$.require2fa").isEqualTo(false)
                .jsonPath("$.requirePasswordChange").isEqualTo(false)
                .jsonPath("$.token").value(token -> assertThat((String) token).matches("[0-9a-f]{40}"));

        String token = server.token("alice@example.com", "alice-password");
        server.describe(token).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(alice.id().toHexString())
                .jsonPath("$.username").isEqualTo("alice")
                .jsonPath("$.role").isEqualTo("user")
                .jsonPath("$.scope").isEqualTo("master");
    }

    @Test
    void loginWithoutTokenFlagIssuesNone() {
        server.client.post().uri("/authenticate")
                .bodyValue(Map.of("username", "alice", "password", "alice-password"))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.token").doesNotExist();
    }

    @Test
    void redisHoldsOnlyTheHash() {
        String token = server.token("alice", "alice-password");
        RedisReactiveCommands<String, String> redis = server.bean(RedisStore.class).commands();
        List<String> keys = redis.keys("access:*").collectList().block();
        assertThat(keys).contains("access:token:" + TokenHash.of(token)).noneMatch(key -> key.contains(token));
        Map<String, String> fields = redis.hgetall("access:token:" + TokenHash.of(token))
                .collectMap(kv -> kv.getKey(), kv -> kv.getValue()).block();
        assertThat(fields).containsEntry("user", alice.id().toHexString()).containsEntry("role", "user");
        assertThat(fields.values()).noneMatch(value -> value.contains(token));
    }

    @Test
    void tokenExpiresAfterTheSlidingPeriodUnused() {
        String token = server.token("alice", "alice-password");
        server.clock.advance(Duration.ofDays(14).minusSeconds(1));
        server.describe(token).expectStatus().isOk();
        server.clock.advance(Duration.ofDays(14).plusSeconds(1));
        server.describe(token).expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("InvalidToken");
    }

    @Test
    void eachUseSlidesTheExpiry() {
        String token = server.token("alice", "alice-password");
        for (int i = 0; i < 3; i++) {
            server.clock.advance(Duration.ofDays(10));
            server.describe(token).expectStatus().isOk();
        }
        server.clock.advance(Duration.ofDays(15));
        server.describe(token).expectStatus().isUnauthorized();
    }

    @Test
    void busyTokenStillDiesAtTheHardMaximum() {
        String token = server.token("alice", "alice-password");
        for (int day = 13; day < 180; day += 13) {
            server.clock.advance(Duration.ofDays(13));
            server.describe(token).expectStatus().isOk();
        }
        // 169 days used so far; the next 13 cross the 180-day maximum.
        server.clock.advance(Duration.ofDays(13));
        server.describe(token).expectStatus().isUnauthorized();
    }

    @Test
    void deleteRevokesOnlyTheCallersToken() {
        String first = server.token("alice", "alice-password");
        String second = server.token("alice", "alice-password");
        server.client.delete().uri("/authenticate").header("X-Access-Token", first).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.success").isEqualTo(true);
        server.describe(first).expectStatus().isUnauthorized();
        server.describe(second).expectStatus().isOk();
    }

    @Test
    void revokeAllEndsEveryTokenOfThatUserOnly() {
        String first = server.token("alice", "alice-password");
        String second = server.token("alice", "alice-password");
        String bobs = server.token("bob", "bob-password");

        assertThat(server.bean(AccessTokens.class).revokeAll(alice.id(), "alice").block()).isGreaterThanOrEqualTo(2);

        server.describe(first).expectStatus().isUnauthorized();
        server.describe(second).expectStatus().isUnauthorized();
        server.describe(bobs).expectStatus().isOk();
        server.describe(server.token("alice", "alice-password")).expectStatus().isOk();
    }

    @Test
    void versionBumpAloneInvalidatesOlderTokens() {
        String token = server.token("bob", "bob-password");
        server.bean(RedisStore.class).commands().incr("access:version:u:" + bob.id().toHexString()).block();
        server.describe(token).expectStatus().isUnauthorized();
    }

    @Test
    void theAnswerSaysWhenAnAdminSetThePassword() {
        User gina = server.user("gina", "gina-password");
        server.client.post().uri("/authenticate").bodyValue(Map.of("username", "gina", "password", "gina-password"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.requirePasswordChange").isEqualTo(false);
        server.bean(UserStore.class).update(gina.id(), UserUpdate.NONE.withRequirePasswordChange(true)).block();
        server.client.post().uri("/authenticate").bodyValue(Map.of("username", "gina@example.com", "password", "gina-password"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.requirePasswordChange").isEqualTo(true);
    }

    @Test
    void rootTokenIsRootAndNeverExpires() {
        server.describe(AuthServer.ROOT_TOKEN).expectStatus().isOk().expectBody()
                .jsonPath("$.role").isEqualTo("root")
                .jsonPath("$.id").doesNotExist()
                .jsonPath("$.expires").doesNotExist();
        server.clock.advance(Duration.ofDays(400));
        server.describe(AuthServer.ROOT_TOKEN).expectStatus().isOk();
        server.describe(AuthServer.ROOT_TOKEN + "x").expectStatus().isUnauthorized();
    }

    @Test
    void tokenIsAcceptedAsQueryParameterAndBearer() {
        String token = server.token("alice", "alice-password");
        server.client.get().uri("/authenticated?accessToken=" + token).exchange().expectStatus().isOk();
        server.client.get().uri("/authenticated").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk();
    }

    @Test
    void missingOrJunkTokenIs401() {
        server.client.get().uri("/authenticated").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("InvalidToken");
        server.describe("not-a-token").expectStatus().isUnauthorized();
        server.describe("0".repeat(40)).expectStatus().isUnauthorized();
    }
}
