package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.mallard.model.access.AccessTokens;
import io.mallard.model.message.MailStorage;
import io.mallard.model.user.User;
import io.mallard.model.user.UserStore;

/** {@code /users}: every route with its happy path, validation error, not found, forbidden and unauthenticated. */
class UserResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @SuppressWarnings("unchecked")
    static String create(Map<String, Object> body) {
        Map<String, Object> created = server.post(ROOT, body, "/users").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(created).containsEntry("success", true);
        return (String) created.get("id");
    }

    @Test
    void createdUserHasDefaultMailboxesAndShowsItsSettings() {
        String name = unique("frank");
        String id = create(map("username", name, "password", "frank-password", "address", name + "@example.com",
                "quota", 1_000_000, "recipients", 100, "spamLevel", 20, "tags", List.of("Vip", "beta")));
        server.get(ROOT, "/users/{id}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.username").isEqualTo(name)
                .jsonPath("$.address").isEqualTo(name + "@example.com")
                .jsonPath("$.limits.quota.allowed").isEqualTo(1_000_000)
                .jsonPath("$.limits.quota.used").isEqualTo(0)
                .jsonPath("$.limits.recipients.allowed").isEqualTo(100)
                .jsonPath("$.spamLevel").isEqualTo(20)
                .jsonPath("$.tags[0]").isEqualTo("Vip");
        List<String> paths = server.bean(MailStorage.class).mailboxes().list(new org.bson.types.ObjectId(id))
                .map(mailbox -> mailbox.path()).collectList().block();
        assertThat(paths).contains("INBOX", "Sent Mail", "Trash", "Junk", "Drafts");
    }

    @Test
    void importedHashIsAccepted() {
        String name = unique("grace");
        create(map("username", name, "password", "$2b$10$abcdefghijklmnopqrstuu5Gx3WmBq5Vf4Tn0z6z3mXyYy1JqS9bW",
                "hashedPassword", true, "address", name + "@example.com"));
    }

    @Test
    void createValidationNamesTheFields() {
        server.post(ROOT, map("username", "bad name!", "address", "", "spamLevel", 101), "/users").exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.code").isEqualTo("InputValidationError")
                .jsonPath("$.details.username").isNotEmpty()
                .jsonPath("$.details.address").isNotEmpty()
                .jsonPath("$.details.spamLevel").isNotEmpty();
        expectError(server.client.post().uri("/users").header("X-Access-Token", ROOT)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"username\":").exchange(), 400, "InputValidationError");
        String huge = "{\"username\":\"" + "a".repeat(300 * 1024) + "\"}";
        expectError(server.client.post().uri("/users").header("X-Access-Token", ROOT)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(huge).exchange(), 400, "InputValidationError");
    }

    @Test
    void duplicateUsernameAndAddressAreConflicts() {
        User existing = server.user("henry");
        expectError(server.post(ROOT, map("username", existing.username(), "address", unique("x") + "@example.com"),
                "/users").exchange(), 409, "UserExistsError");
        expectError(server.post(ROOT, map("username", unique("ivan"), "address", existing.username() + "@example.com"),
                "/users").exchange(), 409, "AddressExistsError");
        expectError(server.post(ROOT, map("username", unique("ivan"), "address", "not an address"), "/users").exchange(),
                400, "InputValidationError");
    }

    @Test
    void onlyPrivilegedRolesCreateAndListUsers() {
        User judy = server.user("judy");
        expectError(server.post(server.token(judy), map("username", unique("k"), "address", unique("k") + "@example.com"),
                "/users").exchange(), 403, "MissingPrivileges");
        expectError(server.get(server.token(judy), "/users").exchange(), 403, "MissingPrivileges");
        expectError(server.client.post().uri("/users").bodyValue(map("username", unique("k"), "address",
                unique("k") + "@example.com")).exchange(), 401, "InvalidToken");
        expectError(server.client.get().uri("/users").exchange(), 401, "InvalidToken");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listPagesWithNextAndFiltersByQueryAndTags() {
        String tag = unique("t");
        for (int i = 0; i < 5; i++) {
            String name = unique("lister");
            create(map("username", name, "address", name + "@example.com", "tags", List.of(tag)));
        }
        Map<String, Object> first = server.get(ROOT, "/users?tags={tag}&limit=3", tag).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Object>) first.get("results")).hasSize(3);
        Map<String, Object> second = server.get(ROOT, "/users?tags={tag}&limit=3&next={next}", tag, first.get("nextCursor"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Object>) second.get("results")).hasSize(2);
        assertThat(second.get("nextCursor")).isEqualTo(false);
        server.get(ROOT, "/users?query=lister&limit=250").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results[0].username").value(name -> assertThat((String) name).contains("lister"));
        expectError(server.get(ROOT, "/users?limit=0").exchange(), 400, "InputValidationError");
        expectError(server.get(ROOT, "/users?next=%%%").exchange(), 400, "InputValidationError");
    }

    @Test
    void getUnknownUserIs404() {
        expectError(server.get(ROOT, "/users/{id}", "0123456789abcdef01234567").exchange(), 404, "UserNotFound");
    }

    @Test
    void userUpdatesItsNameButNotItsQuota() {
        User kim = server.user("kim");
        String token = server.token(kim);
        server.put(token, map("name", "Kim K", "spamLevel", 80), "/users/me").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.success").isEqualTo(true);
        server.get(token, "/users/me").exchange().expectBody().jsonPath("$.name").isEqualTo("Kim K")
                .jsonPath("$.spamLevel").isEqualTo(80);
        expectError(server.put(token, map("quota", 1), "/users/me").exchange(), 403, "MissingPrivileges");
        server.put(ROOT, map("quota", 5000, "disabledScopes", List.of("imap")), "/users/{id}", kim.id().toHexString())
                .exchange().expectStatus().isOk();
        server.get(ROOT, "/users/{id}", kim.id().toHexString()).exchange().expectBody()
                .jsonPath("$.limits.quota.allowed").isEqualTo(5000).jsonPath("$.disabledScopes[0]").isEqualTo("imap");
        expectError(server.put(ROOT, map("spamLevel", -1), "/users/{id}", kim.id().toHexString()).exchange(), 400,
                "InputValidationError");
        expectError(server.put(ROOT, map("name", "x"), "/users/{id}", "0123456789abcdef01234567").exchange(), 404,
                "UserNotFound");
        User other = server.user("lena");
        expectError(server.put(token, map("name", "x"), "/users/{id}", other.id().toHexString()).exchange(), 403,
                "MissingPrivileges");
        expectError(server.client.put().uri("/users/{id}", kim.id().toHexString()).bodyValue(map("name", "x")).exchange(),
                401, "InvalidToken");
    }

    @Test
    void aPasswordSetByAnAdminMustBeChangedAndOneSetByTheUserNeedNot() {
        String name = unique("rita");
        ObjectId id = new ObjectId(create(map("username", name, "password", "generated-pw", "address", name + "@example.com",
                "requirePasswordChange", true)));
        UserStore users = server.bean(UserStore.class);
        assertThat(users.get(id).block().requirePasswordChange()).isTrue();
        String token = server.bean(AccessTokens.class).issue(id, name, "user", "master", null).block().token();

        server.put(token, map("password", "my-own-password"), "/users/me").exchange().expectStatus().isOk();
        assertThat(users.get(id).block().requirePasswordChange()).isFalse();
        server.put(ROOT, map("password", "reset-by-admin"), "/users/{id}", id.toHexString()).exchange().expectStatus().isOk();
        assertThat(users.get(id).block().requirePasswordChange()).isTrue();
        server.put(ROOT, map("password", "set-by-admin", "requirePasswordChange", false), "/users/{id}", id.toHexString())
                .exchange().expectStatus().isOk();
        assertThat(users.get(id).block().requirePasswordChange()).isFalse();
        expectError(server.put(token, map("requirePasswordChange", true), "/users/me").exchange(), 403, "MissingPrivileges");
    }

    @Test
    void deleteRemovesTheUser() {
        User mia = server.user("mia");
        String token = server.token(mia);
        expectError(server.delete(token, "/users/me").exchange(), 403, "MissingPrivileges");
        expectError(server.client.delete().uri("/users/{id}", mia.id().toHexString()).exchange(), 401, "InvalidToken");
        server.delete(ROOT, "/users/{id}", mia.id().toHexString()).exchange().expectStatus().isOk();
        expectError(server.delete(ROOT, "/users/{id}", mia.id().toHexString()).exchange(), 404, "UserNotFound");
        expectError(server.get(ROOT, "/users/{id}", mia.id().toHexString()).exchange(), 404, "UserNotFound");
        expectError(server.get(token, "/users/me").exchange(), 401, "InvalidToken");
    }

    @Test
    void resolveByUsername() {
        User nina = server.user("nina");
        User oscar = server.user("oscar");
        server.get(ROOT, "/users/resolve/{name}", nina.username()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(nina.id().toHexString());
        server.get(server.token(nina), "/users/resolve/{name}", nina.username()).exchange().expectStatus().isOk();
        expectError(server.get(server.token(nina), "/users/resolve/{name}", oscar.username()).exchange(), 403,
                "MissingPrivileges");
        // A user token cannot probe which names are free.
        expectError(server.get(server.token(nina), "/users/resolve/{name}", unique("nobody")).exchange(), 403,
                "MissingPrivileges");
        expectError(server.get(ROOT, "/users/resolve/{name}", unique("nobody")).exchange(), 404, "UserNotFound");
        expectError(server.get(ROOT, "/users/resolve/{name}", "bad name!").exchange(), 400, "InputValidationError");
        expectError(server.client.get().uri("/users/resolve/{name}", nina.username()).exchange(), 401, "InvalidToken");
    }
}
