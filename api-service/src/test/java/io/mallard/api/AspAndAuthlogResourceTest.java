package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mallard.model.authlog.AuthLog;
import io.mallard.model.authlog.AuthOutcome;
import io.mallard.model.user.User;

/** {@code /users/{user}/asps} and {@code /users/{user}/authlog}. */
class AspAndAuthlogResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String NO_SUCH = "0123456789abcdef01234567";

    @Test
    @SuppressWarnings("unchecked")
    void aspIsShownOnceListedAndDeleted() {
        User fay = server.user("fay");
        String token = server.token(fay);
        Map<String, Object> created = server.post(token, map("description", "phone", "scopes", List.of("imap", "smtp"),
                "ttl", 3600), "/users/me/asps").exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody();
        assertThat((String) created.get("password")).matches("[a-z]{16}");
        String id = (String) created.get("id");
        server.get(token, "/users/me/asps").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results[0].id").isEqualTo(id)
                .jsonPath("$.results[0].scopes").isEqualTo(List.of("imap", "smtp"))
                .jsonPath("$.results[0].password").doesNotExist()
                .jsonPath("$.results[0].expires").isNotEmpty();
        server.get(token, "/users/me/asps/{a}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.description").isEqualTo("phone");
        server.delete(token, "/users/me/asps/{a}", id).exchange().expectStatus().isOk();
        expectError(server.get(token, "/users/me/asps/{a}", id).exchange(), 404, "AspNotFound");
        expectError(server.delete(token, "/users/me/asps/{a}", id).exchange(), 404, "AspNotFound");
    }

    @Test
    void aspValidationForbiddenAndAnonymous() {
        User gil = server.user("gil");
        User hal = server.user("hal");
        String token = server.token(gil);
        String hid = hal.id().toHexString();
        server.post(token, map("description", "x", "scopes", List.of("master")), "/users/me/asps").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.details['scopes[0]']").isNotEmpty();
        expectError(server.post(token, map("scopes", List.of("imap")), "/users/me/asps").exchange(), 400,
                "InputValidationError");
        expectError(server.post(ROOT, map("description", "x", "scopes", List.of("*")), "/users/{u}/asps", NO_SUCH)
                .exchange(), 404, "UserNotFound");
        expectError(server.get(token, "/users/{u}/asps", hid).exchange(), 403, "MissingPrivileges");
        expectError(server.post(token, map("description", "x", "scopes", List.of("*")), "/users/{u}/asps", hid).exchange(),
                403, "MissingPrivileges");
        expectError(server.get(token, "/users/{u}/asps/{a}", hid, NO_SUCH).exchange(), 403, "MissingPrivileges");
        expectError(server.delete(token, "/users/{u}/asps/{a}", hid, NO_SUCH).exchange(), 403, "MissingPrivileges");
        expectError(server.client.get().uri("/users/{u}/asps", hid).exchange(), 401, "InvalidToken");
        expectError(server.client.post().uri("/users/{u}/asps", hid).bodyValue(map("description", "x")).exchange(), 401,
                "InvalidToken");
        expectError(server.client.get().uri("/users/{u}/asps/{a}", hid, NO_SUCH).exchange(), 401, "InvalidToken");
        expectError(server.client.delete().uri("/users/{u}/asps/{a}", hid, NO_SUCH).exchange(), 401, "InvalidToken");
    }

    @Test
    void authlogListsTheUsersAttemptsNewestFirst() {
        User ian = server.user("ian");
        User jon = server.user("jon");
        AuthLog log = server.bean(AuthLog.class);
        log.record(ian.id(), ian.username(), "192.0.2.1", "imap", AuthOutcome.SUCCESS, "master", null).block();
        log.record(ian.id(), ian.username(), "192.0.2.2", "pop3", AuthOutcome.SUCCESS, "master", null).block();
        String token = server.token(ian);
        server.get(token, "/users/me/authlog?limit=1").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results.length()").isEqualTo(1)
                .jsonPath("$.results[0].ip").isEqualTo("192.0.2.2")
                .jsonPath("$.results[0].protocol").isEqualTo("pop3");
        expectError(server.get(token, "/users/me/authlog?limit=0").exchange(), 400, "InputValidationError");
        expectError(server.get(token, "/users/me/authlog?from=yesterday").exchange(), 400, "InputValidationError");
        expectError(server.get(ROOT, "/users/{u}/authlog", NO_SUCH).exchange(), 404, "UserNotFound");
        expectError(server.get(token, "/users/{u}/authlog", jon.id().toHexString()).exchange(), 403, "MissingPrivileges");
        expectError(server.client.get().uri("/users/{u}/authlog", jon.id().toHexString()).exchange(), 401, "InvalidToken");
    }
}
