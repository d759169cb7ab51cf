package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;

import org.junit.jupiter.api.Test;

import io.mallard.model.user.User;

/** The access layer every resource goes through: three ways to send a token, {@code me}, 401 and 403. */
class AccessTest {

    static final ApiServer server = ApiServer.shared();

    @Test
    void tokenIsAcceptedInHeaderQueryAndBearer() {
        User alice = server.user("alice");
        String token = server.token(alice);
        server.client.get().uri("/users/me").header("X-Access-Token", token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(alice.id().toHexString());
        server.client.get().uri("/users/me?accessToken={t}", token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo(alice.username());
        server.client.get().uri("/users/{id}", alice.id().toHexString()).header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isOk();
    }

    @Test
    void missingOrUnknownTokenIs401() {
        User bob = server.user("bob");
        expectError(server.client.get().uri("/users/{id}", bob.id().toHexString()).exchange(), 401, "InvalidToken");
        expectError(server.get("not-a-token", "/users/{id}", bob.id().toHexString()).exchange(), 401, "InvalidToken");
        expectError(server.client.get().uri("/users/{id}", bob.id().toHexString())
                .header("Authorization", "Bearer 0123456789abcdef0123456789abcdef0123456789abcdef").exchange(),
                401, "InvalidToken");
    }

    @Test
    void anonymousCallerGets401BeforeAnyBodyOrIdIsLookedAt() {
        expectError(server.client.post().uri("/users").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{not json").exchange(), 401, "InvalidToken");
        expectError(server.client.get().uri("/users/not-an-id").exchange(), 401, "InvalidToken");
        expectError(server.client.get().uri("/no/such/path").exchange(), 401, "InvalidToken");
    }

    @Test
    void userTokenReachesOnlyItsOwnUser() {
        User carol = server.user("carol");
        User dave = server.user("dave");
        expectError(server.get(server.token(carol), "/users/{id}", dave.id().toHexString()).exchange(), 403,
                "MissingPrivileges");
        // A user token cannot tell an unknown id from someone else's.
        expectError(server.get(server.token(carol), "/users/{id}", "0123456789abcdef01234567").exchange(), 403,
                "MissingPrivileges");
    }

    @Test
    void rootReachesEveryUserButHasNoMe() {
        User erin = server.user("erin");
        server.get(ApiServer.ROOT_TOKEN, "/users/{id}", erin.id().toHexString()).exchange().expectStatus().isOk();
        expectError(server.get(ApiServer.ROOT_TOKEN, "/users/me").exchange(), 404, "UserNotFound");
    }

    @Test
    void malformedIdIs400() {
        expectError(server.get(ApiServer.ROOT_TOKEN, "/users/{id}", "xyz").exchange(), 400, "InputValidationError");
    }

    @Test
    void unknownPathIsAnErrorBody() {
        expectError(server.get(ApiServer.ROOT_TOKEN, "/no/such/path").exchange(), 404, "ResourceNotFound");
    }

    @Test
    void healthNeedsNoToken() {
        server.client.get().uri("/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.success")
                .isEqualTo(true);
    }
}
