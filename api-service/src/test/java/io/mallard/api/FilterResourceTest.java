package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import io.mallard.api.web.Page;
import io.mallard.model.filter.Filter;
import io.mallard.model.filter.FilterStore;
import io.mallard.model.user.User;

/** {@code /users/{user}/filters} and the platform-wide {@code /filters}. */
class FilterResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String NO_SUCH = "0123456789abcdef01234567";

    @Test
    @SuppressWarnings("unchecked")
    void createGetUpdateListAndDeleteReachTheStoreLmtpReads() {
        User lee = server.user("lee");
        String token = server.token(lee);
        String archive = mailbox(token, "Archive");
        String id = (String) server.post(token, map("name", "bills",
                        "query", map("from", "billing@", "subject", "  invoice   due ", "ha", true, "size", -50000),
                        "action", map("seen", true, "mailbox", archive,
                                "targets", List.of("copy@elsewhere.example", "https://hooks.example/in"))),
                "/users/me/filters").exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody().get("id");

        server.get(token, "/users/me/filters/{f}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.name").isEqualTo("bills")
                .jsonPath("$.query.subject").isEqualTo("invoice due")
                .jsonPath("$.query.ha").isEqualTo(true)
                .jsonPath("$.query.size").isEqualTo(-50000)
                .jsonPath("$.query.to").doesNotExist()
                .jsonPath("$.action.seen").isEqualTo(true)
                .jsonPath("$.action.flag").doesNotExist()
                .jsonPath("$.action.mailbox").isEqualTo(archive)
                .jsonPath("$.action.targets").isEqualTo(List.of("copy@elsewhere.example", "https://hooks.example/in"))
                .jsonPath("$.disabled").isEqualTo(false);
        Filter stored = server.bean(FilterStore.class).list(lee.id()).blockFirst();
        assertThat(stored.action().forwards()).containsExactly("copy@elsewhere.example");
        assertThat(stored.action().webhooks()).containsExactly("https://hooks.example/in");
        assertThat(stored.action().mailbox().toHexString()).isEqualTo(archive);

        server.put(token, map("disabled", true, "action", map("flag", true)), "/users/me/filters/{f}", id).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.success").isEqualTo(true);
        server.get(token, "/users/me/filters").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.limits.allowed").isEqualTo(400)
                .jsonPath("$.limits.used").isEqualTo(1)
                .jsonPath("$.results[0].id").isEqualTo(id)
                .jsonPath("$.results[0].disabled").isEqualTo(true)
                .jsonPath("$.results[0].name").isEqualTo("bills")
                .jsonPath("$.results[0].query.from").isEqualTo("billing@")
                .jsonPath("$.results[0].action.flag").isEqualTo(true)
                .jsonPath("$.results[0].action.seen").doesNotExist()
                .jsonPath("$.results[0].action.targets").doesNotExist();

        server.delete(token, "/users/me/filters/{f}", id).exchange().expectStatus().isOk();
        assertThat(server.bean(FilterStore.class).list(lee.id()).collectList().block()).isEmpty();
        expectError(server.get(token, "/users/me/filters/{f}", id).exchange(), 404, "FilterNotFound");
        expectError(server.delete(token, "/users/me/filters/{f}", id).exchange(), 404, "FilterNotFound");
        expectError(server.put(token, map("name", "x"), "/users/me/filters/{f}", id).exchange(), 404, "FilterNotFound");
    }

    @Test
    void validationAndNotFound() {
        User max = server.user("max");
        User other = server.user("other");
        String token = server.token(max);
        server.post(token, map("query", map(), "action", map("targets", List.of("smtp://relay.example:25"))),
                        "/users/me/filters").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("InputValidationError")
                .jsonPath("$.details['action.targets[0]']").isNotEmpty();
        server.post(token, map("query", map("subject", "x".repeat(256)), "action", map()), "/users/me/filters").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.details['query.subject']").isNotEmpty();
        server.post(token, map("query", map()), "/users/me/filters").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.details.action").isNotEmpty();
        server.post(token, map("query", map(), "action", map("mailbox", "nope")), "/users/me/filters").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.details['action.mailbox']").isNotEmpty();
        expectError(server.get(token, "/users/me/filters/{f}", "nope").exchange(), 400, "InputValidationError");
        // Another user's mailbox is as unknown as a missing one.
        String foreignInbox = server.inbox(other.id());
        expectError(server.post(token, map("query", map(), "action", map("mailbox", foreignInbox)), "/users/me/filters")
                .exchange(), 404, "NoSuchMailbox");
        expectError(server.post(ROOT, map("query", map(), "action", map()), "/users/{u}/filters", NO_SUCH).exchange(),
                404, "UserNotFound");
        expectError(server.get(ROOT, "/users/{u}/filters", NO_SUCH).exchange(), 404, "UserNotFound");
        expectError(server.get(ROOT, "/users/{u}/filters/{f}", max.id().toHexString(), NO_SUCH).exchange(), 404,
                "FilterNotFound");
        expectError(server.get(ROOT, "/filters?limit=0").exchange(), 400, "InputValidationError");
        expectError(server.get(ROOT, "/filters?next=%%%").exchange(), 400, "InputValidationError");
    }

    @Test
    void foreignTokenIsForbiddenAndNoTokenUnauthorized() {
        User ned = server.user("ned");
        User oli = server.user("oli");
        String token = server.token(ned);
        String oid = oli.id().toHexString();
        Map<String, Object> body = map("query", map(), "action", map());
        expectError(server.get(token, "/users/{u}/filters", oid).exchange(), 403, "MissingPrivileges");
        expectError(server.post(token, body, "/users/{u}/filters", oid).exchange(), 403, "MissingPrivileges");
        expectError(server.get(token, "/users/{u}/filters/{f}", oid, NO_SUCH).exchange(), 403, "MissingPrivileges");
        expectError(server.put(token, body, "/users/{u}/filters/{f}", oid, NO_SUCH).exchange(), 403, "MissingPrivileges");
        expectError(server.delete(token, "/users/{u}/filters/{f}", oid, NO_SUCH).exchange(), 403, "MissingPrivileges");
        expectError(server.get(token, "/filters").exchange(), 403, "MissingPrivileges");
        expectError(server.client.get().uri("/users/{u}/filters", oid).exchange(), 401, "InvalidToken");
        expectError(server.client.post().uri("/users/{u}/filters", oid).bodyValue(body).exchange(), 401, "InvalidToken");
        expectError(server.client.get().uri("/users/{u}/filters/{f}", oid, NO_SUCH).exchange(), 401, "InvalidToken");
        expectError(server.client.put().uri("/users/{u}/filters/{f}", oid, NO_SUCH).bodyValue(body).exchange(), 401,
                "InvalidToken");
        expectError(server.client.delete().uri("/users/{u}/filters/{f}", oid, NO_SUCH).exchange(), 401, "InvalidToken");
        expectError(server.client.get().uri("/filters").exchange(), 401, "InvalidToken");
    }

    @Test
    @SuppressWarnings("unchecked")
    void platformListingPagesForwardAndBackOverEveryUsersFilters() {
        User pia = server.user("pia");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add((String) server.post(ROOT, map("name", "f" + i, "query", map("subject", "s" + i), "action", map()),
                            "/users/{u}/filters", pia.id().toHexString()).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("id"));
        }
        // Walk from just before pia's first filter, so other tests' filters do not matter.
        List<String> seen = new ArrayList<>();
        Map<String, Object> page = listing("/filters?limit=2&next=" + Page.cursor(before(created.get(0))));
        Object previous = null;
        while (true) {
            ((List<Map<String, Object>>) page.get("results")).stream().filter(r -> created.contains(r.get("id")))
                    .forEach(r -> {
                        seen.add((String) r.get("id"));
                        assertThat(r.get("user")).isEqualTo(pia.id().toHexString());
                    });
            if (seen.size() == created.size() || page.get("nextCursor").equals(false)) {
                previous = page.get("previousCursor");
                break;
            }
            page = listing("/filters?limit=2&next=" + page.get("nextCursor"));
        }
        assertThat(seen).isEqualTo(created);
        Map<String, Object> back = listing("/filters?limit=2&previous=" + previous);
        assertThat(((List<Map<String, Object>>) back.get("results")).stream().map(r -> r.get("id")).toList())
                .containsExactly(created.get(2), created.get(3));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> listing(String uri) {
        return server.get(ROOT, uri).exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody();
    }

    /** An id from a second earlier: below every id created since. */
    private static String before(String id) {
        return new ObjectId(new Date(new ObjectId(id).getDate().getTime() - 1000)).toHexString();
    }

    @SuppressWarnings("unchecked")
    static String mailbox(String token, String path) {
        Map<String, Object> listing = server.get(token, "/users/me/mailboxes").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) listing.get("results")).stream().filter(m -> path.equals(m.get("path")))
                .map(m -> (String) m.get("id")).findFirst().orElseThrow();
    }
}
