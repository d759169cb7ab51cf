package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.mallard.model.store.MongoStore;
import io.mallard.model.user.User;
import reactor.core.publisher.Mono;

/** {@code POST /users/{user}/quota/reset} and {@code POST /quota/reset}: storage used recounted from the messages. */
class QuotaResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;

    @Test
    void resetRecountsStorageUsedFromTheMessages() {
        User uma = server.user("uma");
        String token = server.token(uma);
        byte[] raw = MessageResourceTest.simple(1);
        MessageResourceTest.uploaded(token, uma, server.inbox(uma.id()), raw);
        skew(uma, 12_345);

        server.post(token, map(), "/users/me/quota/reset").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.storageUsed").isEqualTo(raw.length)
                .jsonPath("$.previousStorageUsed").isEqualTo(12_345);
        server.get(token, "/users/me").exchange().expectBody().jsonPath("$.limits.quota.used").isEqualTo(raw.length);

        skew(uma, 7);
        server.post(ROOT, map(), "/quota/reset").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.users").value(users -> assertThat((Integer) users).isPositive());
        server.get(token, "/users/me").exchange().expectBody().jsonPath("$.limits.quota.used").isEqualTo(raw.length);
    }

    @Test
    void resetRefusesOtherUsersUnknownIdsAndAnonymousCallers() {
        User vera = server.user("vera");
        String token = server.token(server.user("walt"));
        String id = vera.id().toHexString();
        expectError(server.post(token, map(), "/users/{id}/quota/reset", id).exchange(), 403, "MissingPrivileges");
        expectError(server.post(token, map(), "/quota/reset").exchange(), 403, "MissingPrivileges");
        expectError(server.client.post().uri("/users/{id}/quota/reset", id).exchange(), 401, "InvalidToken");
        expectError(server.client.post().uri("/quota/reset").exchange(), 401, "InvalidToken");
        expectError(server.post(ROOT, map(), "/users/{id}/quota/reset", "0123456789abcdef01234567").exchange(), 404,
                "UserNotFound");
        server.post(ROOT, map(), "/users/{id}/quota/reset", "x").exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.code").isEqualTo("InputValidationError");
    }

    /** What a crash between a store and its quota step leaves behind. */
    private static void skew(User user, long used) {
        Mono.from(server.bean(MongoStore.class).database().getCollection("users")
                .updateOne(Filters.eq("_id", user.id()), Updates.set("storageUsed", used))).block();
    }
}
