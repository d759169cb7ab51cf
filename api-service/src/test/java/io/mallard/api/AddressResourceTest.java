package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mallard.model.user.User;

/** {@code /users/{user}/addresses} and {@code /addresses/resolve/{address}}. */
class AddressResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String NO_SUCH = "0123456789abcdef01234567";

    @SuppressWarnings("unchecked")
    static String add(String token, User user, String address, boolean main) {
        Map<String, Object> body = server.post(token, map("address", address, "main", main, "tags", List.of("work")),
                "/users/{id}/addresses", user.id().toHexString()).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("id");
    }

    @Test
    void userAddsListsMakesMainAndDeletes() {
        User olga = server.user("olga");
        String token = server.token(olga);
        String extra = add(token, olga, olga.username() + ".work@example.org", false);
        server.get(token, "/users/me/addresses").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results.length()").isEqualTo(2)
                .jsonPath("$.results[?(@.id == '" + extra + "')].main").isEqualTo(List.of(false));
        server.put(token, map("main", true), "/users/me/addresses/{a}", extra).exchange().expectStatus().isOk();
        server.get(token, "/users/me").exchange().expectBody().jsonPath("$.address")
                .isEqualTo(olga.username() + ".work@example.org");
        expectError(server.delete(token, "/users/me/addresses/{a}", extra).exchange(), 400, "NotPermitted");
        String old = server.get(token, "/users/me/addresses").exchange().expectBody(Map.class).returnResult()
                .getResponseBody().get("results").toString();
        assertThat(old).contains(olga.username() + "@example.com");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) server.get(token, "/users/me/addresses").exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("results");
        String first = results.stream().filter(a -> !(Boolean) a.get("main")).map(a -> (String) a.get("id")).findFirst().orElseThrow();
        server.delete(token, "/users/me/addresses/{a}", first).exchange().expectStatus().isOk();
        expectError(server.delete(token, "/users/me/addresses/{a}", first).exchange(), 404, "AddressNotFound");
    }

    @Test
    void validationConflictsAndNotFound() {
        User pia = server.user("pia");
        expectError(server.post(ROOT, map("address", ""), "/users/{id}/addresses", pia.id().toHexString()).exchange(), 400,
                "InputValidationError");
        expectError(server.post(ROOT, map("address", "no-at-sign"), "/users/{id}/addresses", pia.id().toHexString())
                .exchange(), 400, "InputValidationError");
        expectError(server.post(ROOT, map("address", pia.username() + "@example.com"), "/users/{id}/addresses",
                pia.id().toHexString()).exchange(), 409, "AddressExistsError");
        expectError(server.put(ROOT, map(), "/users/{id}/addresses/{a}", pia.id().toHexString(), NO_SUCH).exchange(), 400,
                "InputValidationError");
        expectError(server.put(ROOT, map("main", true), "/users/{id}/addresses/{a}", pia.id().toHexString(), NO_SUCH)
                .exchange(), 404, "AddressNotFound");
        expectError(server.get(ROOT, "/users/{id}/addresses", NO_SUCH).exchange(), 404, "UserNotFound");
        expectError(server.post(ROOT, map("address", "x@example.net"), "/users/{id}/addresses", NO_SUCH).exchange(), 404,
                "UserNotFound");
        expectError(server.delete(ROOT, "/users/{id}/addresses/{a}", pia.id().toHexString(), "bad").exchange(), 400,
                "InputValidationError");
    }

    @Test
    void anotherUsersAddressesAreForbiddenAndAnonymousIsRefused() {
        User quinn = server.user("quinn");
        User rita = server.user("rita");
        String rid = rita.id().toHexString();
        String token = server.token(quinn);
        expectError(server.get(token, "/users/{id}/addresses", rid).exchange(), 403, "MissingPrivileges");
        expectError(server.post(token, map("address", "q@example.net"), "/users/{id}/addresses", rid).exchange(), 403,
                "MissingPrivileges");
        expectError(server.put(token, map("main", true), "/users/{id}/addresses/{a}", rid, NO_SUCH).exchange(), 403,
                "MissingPrivileges");
        expectError(server.delete(token, "/users/{id}/addresses/{a}", rid, NO_SUCH).exchange(), 403, "MissingPrivileges");
        expectError(server.client.get().uri("/users/{id}/addresses", rid).exchange(), 401, "InvalidToken");
        expectError(server.client.post().uri("/users/{id}/addresses", rid).bodyValue(map("address", "a@b.c")).exchange(),
                401, "InvalidToken");
        expectError(server.client.put().uri("/users/{id}/addresses/{a}", rid, NO_SUCH).bodyValue(map("main", true))
                .exchange(), 401, "InvalidToken");
        expectError(server.client.delete().uri("/users/{id}/addresses/{a}", rid, NO_SUCH).exchange(), 401, "InvalidToken");
    }

    @Test
    void resolveFindsTheOwner() {
        User sam = server.user("sam");
        User tom = server.user("tom");
        String address = sam.username() + "@example.com";
        server.get(ROOT, "/addresses/resolve/{a}", address.toUpperCase()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.user").isEqualTo(sam.id().toHexString())
                .jsonPath("$.address").isEqualTo(address);
        server.get(server.token(sam), "/addresses/resolve/{a}", address).exchange().expectStatus().isOk();
        expectError(server.get(server.token(tom), "/addresses/resolve/{a}", address).exchange(), 403, "MissingPrivileges");
        expectError(server.get(server.token(tom), "/addresses/resolve/{a}", "nobody@example.com").exchange(), 403,
                "MissingPrivileges");
        expectError(server.get(ROOT, "/addresses/resolve/{a}", "nobody-here@example.com").exchange(), 404, "AddressNotFound");
        expectError(server.get(ROOT, "/addresses/resolve/{a}", "not an address").exchange(), 400, "InputValidationError");
        expectError(server.client.get().uri("/addresses/resolve/{a}", address).exchange(), 401, "InvalidToken");
    }
}
