package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mallard.model.user.User;

/** {@code /domainaliases}: root and manager only. */
class DomainAliasResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String NO_SUCH = "0123456789abcdef01234567";

    @Test
    @SuppressWarnings("unchecked")
    void createResolveGetListAndDelete() {
        String alias = "alias-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String id = (String) server.post(ROOT, map("alias", alias.toUpperCase(), "domain", "example.com"), "/domainaliases")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("id");
        server.get(ROOT, "/domainaliases/resolve/{a}", alias).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(id);
        server.get(ROOT, "/domainaliases/{id}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.alias").isEqualTo(alias).jsonPath("$.domain").isEqualTo("example.com");
        server.get(ROOT, "/domainaliases?query={q}", alias).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results.length()").isEqualTo(1);
        expectError(server.post(ROOT, map("alias", alias, "domain", "example.org"), "/domainaliases").exchange(), 409,
                "AddressExistsError");
        server.delete(ROOT, "/domainaliases/{id}", id).exchange().expectStatus().isOk();
        expectError(server.get(ROOT, "/domainaliases/{id}", id).exchange(), 404, "AliasNotFound");
        expectError(server.delete(ROOT, "/domainaliases/{id}", id).exchange(), 404, "AliasNotFound");
        expectError(server.get(ROOT, "/domainaliases/resolve/{a}", alias).exchange(), 404, "AliasNotFound");
    }

    @Test
    void validationForbiddenAndAnonymous() {
        expectError(server.post(ROOT, map("alias", ""), "/domainaliases").exchange(), 400, "InputValidationError");
        expectError(server.post(ROOT, map("alias", "same.example", "domain", "same.example"), "/domainaliases").exchange(),
                400, "InputValidationError");
        expectError(server.get(ROOT, "/domainaliases/{id}", "nope").exchange(), 400, "InputValidationError");
        expectError(server.get(ROOT, "/domainaliases?limit=0").exchange(), 400, "InputValidationError");
        User kai = server.user("kai");
        String token = server.token(kai);
        expectError(server.get(token, "/domainaliases").exchange(), 403, "MissingPrivileges");
        expectError(server.post(token, map("alias", "a.example", "domain", "b.example"), "/domainaliases").exchange(), 403,
                "MissingPrivileges");
        expectError(server.get(token, "/domainaliases/resolve/{a}", "a.example").exchange(), 403, "MissingPrivileges");
        expectError(server.get(token, "/domainaliases/{id}", NO_SUCH).exchange(), 403, "MissingPrivileges");
        expectError(server.delete(token, "/domainaliases/{id}", NO_SUCH).exchange(), 403, "MissingPrivileges");
        expectError(server.client.get().uri("/domainaliases").exchange(), 401, "InvalidToken");
        expectError(server.client.post().uri("/domainaliases").bodyValue(map("alias", "a.example")).exchange(), 401,
                "InvalidToken");
        expectError(server.client.get().uri("/domainaliases/resolve/{a}", "a.example").exchange(), 401, "InvalidToken");
        expectError(server.client.get().uri("/domainaliases/{id}", NO_SUCH).exchange(), 401, "InvalidToken");
        expectError(server.client.delete().uri("/domainaliases/{id}", NO_SUCH).exchange(), 401, "InvalidToken");
    }
}
