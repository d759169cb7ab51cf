package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mallard.model.ratelimit.DailyCounter;
import io.mallard.model.store.RedisStore;
import io.mallard.model.user.User;

/** {@code /addresses/forwarded} and {@code PUT /addresses/renameDomain}. */
class ForwardedAddressResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String BASE = "/addresses/forwarded";

    static String domain() {
        return "fw-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    @SuppressWarnings("unchecked")
    static String create(Map<String, Object> body) {
        return (String) server.post(ROOT, body, BASE).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("id");
    }

    @Test
    void forwardedAddressIsCreatedReadUpdatedResolvedAndDeleted() {
        String domain = domain();
        String id = create(map("address", "team@" + domain, "targets", List.of("a@elsewhere.example",
                "smtp://relay.example:2525"), "forwards", 50, "tags", List.of("ops")));
        new DailyCounter(server.bean(RedisStore.class).commands(), Clock.systemUTC(), DailyCounter.FORWARDS)
                .add(id, 3).block();

        server.get(ROOT, BASE + "/{id}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.address").isEqualTo("team@" + domain)
                .jsonPath("$.targets[1]").isEqualTo("smtp://relay.example:2525")
                .jsonPath("$.limits.forwards.allowed").isEqualTo(50)
                .jsonPath("$.limits.forwards.used").isEqualTo(3)
                .jsonPath("$.tags[0]").isEqualTo("ops");
        server.get(ROOT, "/addresses/resolve/{a}", "team@" + domain).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.user").doesNotExist()
                .jsonPath("$.targets[0]").isEqualTo("a@elsewhere.example");

        server.put(ROOT, map("address", "crew@" + domain, "targets", List.of("https://hooks.example/in")), BASE + "/{id}", id)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.success").isEqualTo(true);
        server.get(ROOT, BASE + "/{id}", id).exchange().expectBody()
                .jsonPath("$.address").isEqualTo("crew@" + domain)
                .jsonPath("$.targets.length()").isEqualTo(1)
                .jsonPath("$.limits.forwards.allowed").isEqualTo(50);
        expectError(server.get(ROOT, "/addresses/resolve/{a}", "team@" + domain).exchange(), 404, "AddressNotFound");

        server.delete(ROOT, BASE + "/{id}", id).exchange().expectStatus().isOk();
        expectError(server.get(ROOT, BASE + "/{id}", id).exchange(), 404, "AddressNotFound");
        expectError(server.delete(ROOT, BASE + "/{id}", id).exchange(), 404, "AddressNotFound");
        expectError(server.put(ROOT, map("forwards", 1), BASE + "/{id}", id).exchange(), 404, "AddressNotFound");
    }

    @Test
    void validationNamesTheFieldAndTakenAddressesConflict() {
        String domain = domain();
        server.post(ROOT, map("address", "x@" + domain, "targets", List.of("not a target"), "forwards", -1), BASE)
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.code").isEqualTo("InputValidationError")
                .jsonPath("$.details['targets[0]']").isNotEmpty()
                .jsonPath("$.details.forwards").isNotEmpty();
        server.post(ROOT, map("address", "x@" + domain), BASE).exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.details.targets").isNotEmpty();
        server.post(ROOT, map("address", "*@" + domain, "targets", List.of("a@elsewhere.example")), BASE).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.details.address").isNotEmpty();
        create(map("address", "*@" + domain, "targets", List.of("a@elsewhere.example"), "allowWildcard", true));
        create(map("address", "y@" + domain, "targets", List.of("a@elsewhere.example")));
        expectError(server.post(ROOT, map("address", "y@" + domain, "targets", List.of("b@elsewhere.example")), BASE)
                .exchange(), 409, "AddressExistsError");
        String z = create(map("address", "z@" + domain, "targets", List.of("a@elsewhere.example")));
        expectError(server.put(ROOT, map("address", "y@" + domain), BASE + "/{id}", z).exchange(), 409, "AddressExistsError");
        server.put(ROOT, map("targets", List.of()), BASE + "/{id}", z).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.details.targets").isNotEmpty();
        server.get(ROOT, BASE + "/{id}", "nope").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("InputValidationError");
        expectError(server.delete(ROOT, BASE + "/{id}", "nope").exchange(), 400, "InputValidationError");
    }

    @Test
    void aUsersAddressIsNoForwardedAddress() {
        User xena = server.user("xena");
        @SuppressWarnings("unchecked")
        String own = (String) ((List<Map<String, Object>>) server.get(ROOT, "/users/{id}/addresses", xena.id().toHexString())
                .exchange().expectBody(Map.class).returnResult().getResponseBody().get("results")).get(0).get("id");
        expectError(server.get(ROOT, BASE + "/{id}", own).exchange(), 404, "AddressNotFound");
        expectError(server.delete(ROOT, BASE + "/{id}", own).exchange(), 404, "AddressNotFound");
        server.get(ROOT, "/users/{id}/addresses", xena.id().toHexString()).exchange().expectBody()
                .jsonPath("$.results.length()").isEqualTo(1);
    }

    @Test
    void onlyPlatformRolesReachForwardedAddressesAndRenames() {
        String id = create(map("address", "ops@" + domain(), "targets", List.of("a@elsewhere.example")));
        String user = server.token(server.user("yuri"));
        Map<String, Object> body = map("address", "q@" + domain(), "targets", List.of("a@elsewhere.example"));
        expectError(server.post(user, body, BASE).exchange(), 403, "MissingPrivileges");
        expectError(server.get(user, BASE + "/{id}", id).exchange(), 403, "MissingPrivileges");
        expectError(server.put(user, map("forwards", 1), BASE + "/{id}", id).exchange(), 403, "MissingPrivileges");
        expectError(server.delete(user, BASE + "/{id}", id).exchange(), 403, "MissingPrivileges");
        expectError(server.put(user, map("oldDomain", "a.example", "newDomain", "b.example"), "/addresses/renameDomain")
                .exchange(), 403, "MissingPrivileges");
        expectError(server.client.post().uri(BASE).bodyValue(body).exchange(), 401, "InvalidToken");
        expectError(server.client.get().uri(BASE + "/{id}", id).exchange(), 401, "InvalidToken");
        expectError(server.client.put().uri(BASE + "/{id}", id).bodyValue(map("forwards", 1)).exchange(), 401,
                "InvalidToken");
        expectError(server.client.delete().uri(BASE + "/{id}", id).exchange(), 401, "InvalidToken");
        expectError(server.client.put().uri("/addresses/renameDomain").bodyValue(map("oldDomain", "a.example",
                "newDomain", "b.example")).exchange(), 401, "InvalidToken");
    }

    @Test
    void renameDomainMovesUserAndForwardedAddressesAndAliases() {
        String from = domain();
        String to = domain();
        User zack = server.user("zack");
        AddressResourceTest.add(ROOT, zack, "zack@" + from, false);
        create(map("address", "info@" + from, "targets", List.of("a@elsewhere.example")));
        @SuppressWarnings("unchecked")
        String alias = (String) server.post(ROOT, map("alias", "alias-" + from, "domain", from), "/domainaliases")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("id");

        server.put(ROOT, map("oldDomain", from, "newDomain", to), "/addresses/renameDomain").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.modifiedAddresses").isEqualTo(2)
                .jsonPath("$.modifiedAliases").isEqualTo(1)
                .jsonPath("$.modifiedDkim").isEqualTo(0);
        server.get(ROOT, "/addresses/resolve/{a}", "zack@" + to).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.user").isEqualTo(zack.id().toHexString());
        server.get(ROOT, "/addresses/resolve/{a}", "info@" + to).exchange().expectStatus().isOk();
        expectError(server.get(ROOT, "/addresses/resolve/{a}", "zack@" + from).exchange(), 404, "AddressNotFound");
        server.get(ROOT, "/domainaliases/{alias}", alias).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.domain").isEqualTo(to);
        server.put(ROOT, map("oldDomain", from, "newDomain", ""), "/addresses/renameDomain").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.details.newDomain").isNotEmpty();
    }
}
