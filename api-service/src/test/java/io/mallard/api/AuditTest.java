package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mallard.model.access.AccessTokens;
import io.mallard.model.access.IssuedToken;
import io.mallard.model.user.User;

/**
 * Every write by a non-user role is on record, whatever the resource, and {@code GET /audit} finds
 * it by actor, target user, action and time, for the roles allowed to read the audit.
 */
class AuditTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;

    static IssuedToken tool(String role) {
        return server.bean(AccessTokens.class).issue(null, role + "-" + UUID.randomUUID().toString().substring(0, 8),
                role, "master", null).block();
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminWritesAreRecordedWithActorTargetResultAndAddress() {
        IssuedToken manager = tool("manager");
        String actor = manager.grant().subject();
        User zed = server.user("zed");
        String zid = zed.id().toHexString();
        Instant before = Instant.now().minusSeconds(1);

        String filter = (String) server.post(manager.token(), map("query", map(), "action", map("seen", true)),
                "/users/{u}/filters", zid).exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody().get("id");
        server.get(manager.token(), "/users/{u}/filters", zid).exchange().expectStatus().isOk();
        server.delete(manager.token(), "/users/{u}/filters/{f}", zid, filter).exchange().expectStatus().isOk();
        server.delete(manager.token(), "/users/{u}/filters/{f}", zid, filter).exchange().expectStatus().isNotFound();
        // The user's own writes are theirs, not an administrator's.
        server.post(server.token(zed), map("query", map(), "action", map()), "/users/me/filters").exchange()
                .expectStatus().isOk();

        Map<String, Object> listing = server.get(ROOT, "/audit?actor={a}", actor).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        List<Map<String, Object>> results = (List<Map<String, Object>>) listing.get("results");
        assertThat(results).extracting(r -> r.get("action") + " " + r.get("status")).containsExactly(
                "DELETE /users/{user}/filters/{filter} 404",
                "DELETE /users/{user}/filters/{filter} 200",
                "POST /users/{user}/filters 200");
        Map<String, Object> created = results.get(2);
        assertThat((Map<String, Object>) created.get("actor")).containsEntry("role", "manager")
                .containsEntry("subject", actor).containsEntry("token", manager.grant().hash());
        assertThat(created.get("user")).isEqualTo(zid);
        assertThat(created.get("method")).isEqualTo("POST");
        assertThat(created.get("ip")).isEqualTo("127.0.0.1");
        assertThat((Map<String, Object>) results.get(0).get("targets")).containsEntry("user", zid)
                .containsEntry("filter", filter);
        assertThat(Instant.parse((String) created.get("time"))).isAfter(before);

        server.get(ROOT, "/audit?user={u}", zid).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results.length()").isEqualTo(3);
        server.get(ROOT, "/audit?user={u}&action={a}", zid, "POST /users/{user}/filters").exchange().expectStatus()
                .isOk().expectBody().jsonPath("$.results.length()").isEqualTo(1);
        server.get(ROOT, "/audit?actor={a}&from={f}", actor, Instant.now().plusSeconds(60)).exchange().expectStatus()
                .isOk().expectBody().jsonPath("$.results.length()").isEqualTo(0);
        server.get(ROOT, "/audit?actor={a}&to={t}", actor, before).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results.length()").isEqualTo(0);
        server.get(ROOT, "/audit?token={t}", manager.grant().hash()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results.length()").isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pagesRunNewestFirstBothWays() {
        IssuedToken manager = tool("manager");
        User amos = server.user("amos");
        for (int i = 0; i < 5; i++) {
            server.put(manager.token(), map("status", i % 2 == 0), "/users/{u}/autoreply", amos.id().toHexString())
                    .exchange().expectStatus().isOk();
        }
        String query = "/audit?actor=" + manager.grant().subject() + "&limit=2";
        Map<String, Object> first = page(query);
        Map<String, Object> second = page(query + "&next=" + first.get("nextCursor"));
        Map<String, Object> third = page(query + "&next=" + second.get("nextCursor"));
        assertThat(first.get("previousCursor")).isEqualTo(false);
        assertThat(third.get("nextCursor")).isEqualTo(false);
        List<Object> ids = new java.util.ArrayList<>();
        for (Map<String, Object> page : List.of(first, second, third)) {
            ((List<Map<String, Object>>) page.get("results")).forEach(r -> ids.add(r.get("id")));
        }
        assertThat(ids).hasSize(5).doesNotHaveDuplicates();
        assertThat(ids).isSortedAccordingTo((a, b) -> ((String) b).compareTo((String) a));
        Map<String, Object> back = page(query + "&previous=" + third.get("previousCursor"));
        assertThat(((List<Map<String, Object>>) back.get("results")).stream().map(r -> r.get("id")).toList())
                .isEqualTo(ids.subList(2, 4));
    }

    @Test
    void onlyAuditReadersMayListAndBadFiltersAre400() {
        server.get(tool("audit").token(), "/audit").exchange().expectStatus().isOk();
        server.get(tool("auditclient").token(), "/audit").exchange().expectStatus().isOk();
        expectError(server.get(tool("manager").token(), "/audit").exchange(), 403, "MissingPrivileges");
        expectError(server.get(server.token(server.user("ava")), "/audit").exchange(), 403, "MissingPrivileges");
        expectError(server.client.get().uri("/audit").exchange(), 401, "InvalidToken");
        server.get(ROOT, "/audit?user=nope").exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.code").isEqualTo("InputValidationError").jsonPath("$.details.user").isNotEmpty();
        server.get(ROOT, "/audit?from=yesterday").exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.details.from").isNotEmpty();
        expectError(server.get(ROOT, "/audit?limit=0").exchange(), 400, "InputValidationError");
        expectError(server.get(ROOT, "/audit?next=AAAA").exchange(), 400, "InputValidationError");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> page(String uri) {
        return server.get(ROOT, uri).exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody();
    }
}
