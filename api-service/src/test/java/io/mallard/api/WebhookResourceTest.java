package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mallard.model.user.User;

/** {@code /webhooks}: managed by admin roles, readable by a user for its own user. */
class WebhookResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String NO_SUCH = "0123456789abcdef01234567";
    // Nothing listens here: deliveries to it fail and are retried, which these tests do not watch.
    static final String URL = "http://127.0.0.1:9/hook";

    @SuppressWarnings("unchecked")
    static String create(Map<String, Object> body) {
        return (String) server.post(ROOT, body, "/webhooks").exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("id");
    }

    @Test
    void createGetListAndDelete() {
        User bea = server.user("bea");
        String bid = bea.id().toHexString();
        String global = create(map("type", List.of("user.created", "mailbox.*"), "url", URL,
                "secret", "0123456789abcdef0123"));
        String scoped = create(map("type", List.of("*"), "user", bid, "url", URL));

        server.get(ROOT, "/webhooks/{w}", global).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.type").isEqualTo(List.of("user.created", "mailbox.*"))
                .jsonPath("$.url").isEqualTo(URL)
                .jsonPath("$.signed").isEqualTo(true)
                .jsonPath("$.secret").doesNotExist()
                .jsonPath("$.user").doesNotExist();
        server.get(ROOT, "/webhooks?user={u}", bid).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results.length()").isEqualTo(1)
                .jsonPath("$.results[0].id").isEqualTo(scoped)
                .jsonPath("$.results[0].user").isEqualTo(bid)
                .jsonPath("$.results[0].signed").isEqualTo(false);
        server.get(ROOT, "/webhooks?type=mailbox.*&limit=250").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results[?(@.id == '" + global + "')]").exists()
                .jsonPath("$.results[?(@.id == '" + scoped + "')]").doesNotExist();

        // A user reads the webhooks of its own user, and only those.
        String token = server.token(bea);
        server.get(token, "/webhooks").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results.length()").isEqualTo(1).jsonPath("$.results[0].id").isEqualTo(scoped);
        server.get(token, "/webhooks/{w}", scoped).exchange().expectStatus().isOk();
        expectError(server.get(token, "/webhooks/{w}", global).exchange(), 403, "MissingPrivileges");
        expectError(server.delete(token, "/webhooks/{w}", scoped).exchange(), 403, "MissingPrivileges");

        server.delete(ROOT, "/webhooks/{w}", global).exchange().expectStatus().isOk();
        server.delete(ROOT, "/webhooks/{w}", scoped).exchange().expectStatus().isOk();
        expectError(server.get(ROOT, "/webhooks/{w}", global).exchange(), 404, "WebhookNotFound");
        expectError(server.delete(ROOT, "/webhooks/{w}", scoped).exchange(), 404, "WebhookNotFound");
    }

    @Test
    void validationNotFoundForbiddenAndAnonymous() {
        server.post(ROOT, map("type", List.of("User Created"), "url", URL), "/webhooks").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("InputValidationError")
                .jsonPath("$.details['type[0]']").isNotEmpty();
        server.post(ROOT, map("type", List.of("*"), "url", "ftp://x.example/"), "/webhooks").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.details.url").isNotEmpty();
        server.post(ROOT, map("type", List.of(), "url", URL), "/webhooks").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.details.type").isNotEmpty();
        server.post(ROOT, map("type", List.of("*"), "url", URL, "secret", "short"), "/webhooks").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.details.secret").isNotEmpty();
        expectError(server.get(ROOT, "/webhooks/{w}", "nope").exchange(), 400, "InputValidationError");
        expectError(server.get(ROOT, "/webhooks?user=nope").exchange(), 400, "InputValidationError");
        expectError(server.post(ROOT, map("type", List.of("*"), "user", NO_SUCH, "url", URL), "/webhooks").exchange(),
                404, "UserNotFound");
        expectError(server.get(ROOT, "/webhooks/{w}", NO_SUCH).exchange(), 404, "WebhookNotFound");

        User cal = server.user("cal");
        User dee = server.user("dee");
        String token = server.token(cal);
        expectError(server.post(token, map("type", List.of("*"), "url", URL), "/webhooks").exchange(), 403,
                "MissingPrivileges");
        expectError(server.post(token, map("type", List.of("*"), "user", cal.id().toHexString(), "url", URL),
                "/webhooks").exchange(), 403, "MissingPrivileges");
        expectError(server.get(token, "/webhooks?user={u}", dee.id().toHexString()).exchange(), 403,
                "MissingPrivileges");
        expectError(server.get(token, "/webhooks/{w}", NO_SUCH).exchange(), 403, "MissingPrivileges");
        expectError(server.delete(token, "/webhooks/{w}", NO_SUCH).exchange(), 403, "MissingPrivileges");
        expectError(server.client.get().uri("/webhooks").exchange(), 401, "InvalidToken");
        expectError(server.client.post().uri("/webhooks").bodyValue(map("type", List.of("*"), "url", URL)).exchange(),
                401, "InvalidToken");
        expectError(server.client.get().uri("/webhooks/{w}", NO_SUCH).exchange(), 401, "InvalidToken");
        expectError(server.client.delete().uri("/webhooks/{w}", NO_SUCH).exchange(), 401, "InvalidToken");
    }
}
