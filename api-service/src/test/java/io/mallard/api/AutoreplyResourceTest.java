package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.mallard.model.autoreply.Autoreply;
import io.mallard.model.autoreply.AutoreplyStore;
import io.mallard.model.user.User;

/** {@code /users/{user}/autoreply}: WildDuck's partial PUT, defaults when none is set, delete. */
class AutoreplyResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String NO_SUCH = "0123456789abcdef01234567";

    @Test
    void putChangesOnlyTheNamedFieldsAndLmtpSeesThem() {
        User quin = server.user("quin");
        String token = server.token(quin);
        server.get(token, "/users/me/autoreply").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.status").isEqualTo(false)
                .jsonPath("$.subject").isEqualTo("")
                .jsonPath("$.start").doesNotExist();

        server.put(token, map("status", true, "name", "Quin", "subject", "Away", "text", "Back soon",
                        "start", "2026-01-01T00:00:00Z", "end", "2026-02-01T00:00:00+02:00"), "/users/me/autoreply")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.id").isEqualTo(quin.id().toHexString());
        server.put(token, map("html", "<p>Back soon</p>", "end", false), "/users/me/autoreply").exchange()
                .expectStatus().isOk();

        server.get(token, "/users/me/autoreply").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo(true)
                .jsonPath("$.name").isEqualTo("Quin")
                .jsonPath("$.subject").isEqualTo("Away")
                .jsonPath("$.text").isEqualTo("Back soon")
                .jsonPath("$.html").isEqualTo("<p>Back soon</p>")
                .jsonPath("$.start").isEqualTo("2026-01-01T00:00:00Z")
                .jsonPath("$.end").doesNotExist()
                .jsonPath("$.created").isNotEmpty();
        Autoreply stored = server.bean(AutoreplyStore.class).get(quin.id()).block();
        assertThat(stored.activeAt(Instant.parse("2030-01-01T00:00:00Z"))).isTrue();
        assertThat(stored.activeAt(Instant.parse("2025-12-31T23:59:59Z"))).isFalse();

        server.delete(token, "/users/me/autoreply").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.success").isEqualTo(true);
        assertThat(server.bean(AutoreplyStore.class).get(quin.id()).blockOptional()).isEmpty();
        server.get(token, "/users/me/autoreply").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo(false);
    }

    @Test
    void validationNotFoundForbiddenAndAnonymous() {
        User ray = server.user("ray");
        User sal = server.user("sal");
        String token = server.token(ray);
        String sid = sal.id().toHexString();
        server.put(token, map("subject", "s".repeat(2049)), "/users/me/autoreply").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("InputValidationError")
                .jsonPath("$.details.subject").isNotEmpty();
        server.put(token, map("start", "next tuesday"), "/users/me/autoreply").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("InputValidationError")
                .jsonPath("$.error").value(error -> assertThat((String) error).startsWith("start "));
        expectError(server.get(ROOT, "/users/{u}/autoreply", NO_SUCH).exchange(), 404, "UserNotFound");
        expectError(server.put(ROOT, map("status", true), "/users/{u}/autoreply", NO_SUCH).exchange(), 404,
                "UserNotFound");
        expectError(server.delete(ROOT, "/users/{u}/autoreply", NO_SUCH).exchange(), 404, "UserNotFound");
        expectError(server.get(token, "/users/{u}/autoreply", sid).exchange(), 403, "MissingPrivileges");
        expectError(server.put(token, map("status", true), "/users/{u}/autoreply", sid).exchange(), 403,
                "MissingPrivileges");
        expectError(server.delete(token, "/users/{u}/autoreply", sid).exchange(), 403, "MissingPrivileges");
        expectError(server.client.get().uri("/users/{u}/autoreply", sid).exchange(), 401, "InvalidToken");
        expectError(server.client.put().uri("/users/{u}/autoreply", sid).bodyValue(map("status", true)).exchange(), 401,
                "InvalidToken");
        expectError(server.client.delete().uri("/users/{u}/autoreply", sid).exchange(), 401, "InvalidToken");
    }
}
