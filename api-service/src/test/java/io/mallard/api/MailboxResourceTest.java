package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mallard.model.user.User;

/** {@code /users/{user}/mailboxes}. */
class MailboxResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String NO_SUCH = "0123456789abcdef01234567";

    @SuppressWarnings("unchecked")
    static String create(String token, String path) {
        return (String) server.post(token, map("path", path), "/users/me/mailboxes").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    @Test
    void listShowsDefaultsWithCounters() {
        User uma = server.user("uma");
        server.get(server.token(uma), "/users/me/mailboxes?counters=true").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.results[?(@.path == 'INBOX')].total").isEqualTo(java.util.List.of(0))
                .jsonPath("$.results[?(@.path == 'Sent Mail')].specialUse").isEqualTo(java.util.List.of("\\Sent"));
        server.get(server.token(uma), "/users/me/mailboxes").exchange().expectBody()
                .jsonPath("$.results[0].total").doesNotExist();
    }

    @Test
    void createGetRenameHideAndDelete() {
        User vera = server.user("vera");
        String token = server.token(vera);
        String id = create(token, "Projects/Alpha");
        server.get(token, "/users/me/mailboxes/{m}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Alpha").jsonPath("$.path").isEqualTo("Projects/Alpha")
                .jsonPath("$.total").isEqualTo(0);
        server.put(token, map("path", "Projects/Beta", "hidden", true, "subscribed", false, "retention", 86_400_000L),
                "/users/me/mailboxes/{m}", id).exchange().expectStatus().isOk();
        server.get(token, "/users/me/mailboxes/{m}", id).exchange().expectBody()
                .jsonPath("$.path").isEqualTo("Projects/Beta").jsonPath("$.hidden").isEqualTo(true)
                .jsonPath("$.subscribed").isEqualTo(false).jsonPath("$.retention").isEqualTo(86_400_000);
        expectError(server.post(token, map("path", "Projects/Beta"), "/users/me/mailboxes").exchange(), 409, "AlreadyExists");
        server.delete(token, "/users/me/mailboxes/{m}", id).exchange().expectStatus().isOk();
        expectError(server.get(token, "/users/me/mailboxes/{m}", id).exchange(), 404, "NoSuchMailbox");
        expectError(server.delete(token, "/users/me/mailboxes/{m}", id).exchange(), 404, "NoSuchMailbox");
        String inbox = server.inbox(vera.id());
        expectError(server.delete(token, "/users/me/mailboxes/{m}", inbox).exchange(), 400, "CannotModify");
    }

    @Test
    void validationAndNotFound() {
        User wes = server.user("wes");
        String token = server.token(wes);
        expectError(server.post(token, map("path", "a//b"), "/users/me/mailboxes").exchange(), 400, "InputValidationError");
        expectError(server.post(token, map("path", ""), "/users/me/mailboxes").exchange(), 400, "InputValidationError");
        expectError(server.post(token, map("path", "x", "retention", -1), "/users/me/mailboxes").exchange(), 400,
                "InputValidationError");
        expectError(server.put(token, map("path", "/x"), "/users/me/mailboxes/{m}", server.inbox(wes.id())).exchange(), 400,
                "InputValidationError");
        expectError(server.get(token, "/users/me/mailboxes/{m}", NO_SUCH).exchange(), 404, "NoSuchMailbox");
        expectError(server.put(token, map("hidden", true), "/users/me/mailboxes/{m}", NO_SUCH).exchange(), 404,
                "NoSuchMailbox");
        expectError(server.get(token, "/users/me/mailboxes/{m}", "nope").exchange(), 400, "InputValidationError");
    }

    @Test
    void anotherUsersMailboxesAreForbiddenAndAnonymousIsRefused() {
        User xena = server.user("xena");
        User yuri = server.user("yuri");
        String yid = yuri.id().toHexString();
        String yInbox = server.inbox(yuri.id());
        String token = server.token(xena);
        expectError(server.get(token, "/users/{u}/mailboxes", yid).exchange(), 403, "MissingPrivileges");
        expectError(server.post(token, map("path", "x"), "/users/{u}/mailboxes", yid).exchange(), 403, "MissingPrivileges");
        expectError(server.get(token, "/users/{u}/mailboxes/{m}", yid, yInbox).exchange(), 403, "MissingPrivileges");
        expectError(server.put(token, map("hidden", true), "/users/{u}/mailboxes/{m}", yid, yInbox).exchange(), 403,
                "MissingPrivileges");
        expectError(server.delete(token, "/users/{u}/mailboxes/{m}", yid, yInbox).exchange(), 403, "MissingPrivileges");
        // Another user's mailbox id under one's own user is simply not there.
        expectError(server.get(token, "/users/me/mailboxes/{m}", yInbox).exchange(), 404, "NoSuchMailbox");
        expectError(server.client.get().uri("/users/{u}/mailboxes", yid).exchange(), 401, "InvalidToken");
        expectError(server.client.post().uri("/users/{u}/mailboxes", yid).bodyValue(map("path", "x")).exchange(), 401,
                "InvalidToken");
        expectError(server.client.get().uri("/users/{u}/mailboxes/{m}", yid, yInbox).exchange(), 401, "InvalidToken");
        expectError(server.client.put().uri("/users/{u}/mailboxes/{m}", yid, yInbox).bodyValue(map("hidden", true))
                .exchange(), 401, "InvalidToken");
        expectError(server.client.delete().uri("/users/{u}/mailboxes/{m}", yid, yInbox).exchange(), 401, "InvalidToken");
        server.get(ROOT, "/users/{u}/mailboxes/{m}", yid, yInbox).exchange().expectStatus().isOk();
    }
}
