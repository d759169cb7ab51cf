package io.mallard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** Broken requests get 400 and WildDuck's error body, never a stack trace or a parser's message. */
class BadInputTest {

    @TempDir
    static Path dir;

    static AuthServer server;

    @BeforeAll
    static void start() {
        server = new AuthServer(dir);
        server.user("heidi", "heidi-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> badBodies() {
        byte[] latin1Username = "{\"username\":\"h\u00e9idi\",\"password\":\"x\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] huge = ("{\"username\":\"heidi\",\"password\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("malformed JSON", "{\"username\": \"heidi\", ".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("not an object", "[1,2,3]".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("empty body", new byte[0]),
                Arguments.of("missing password", "{\"username\":\"heidi\"}".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("missing username", "{\"password\":\"heidi-password\"}".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("blank username", "{\"username\":\" \",\"password\":\"p\"}".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("wrong type", "{\"username\":{\"$gt\":\"\"},\"password\":\"p\"}".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("unknown scope", "{\"username\":\"heidi\",\"password\":\"p\",\"scope\":\"root\"}".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("token outside master", "{\"username\":\"heidi\",\"password\":\"heidi-password\",\"scope\":\"imap\",\"token\":true}"
                        .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("non-UTF-8 bytes", latin1Username),
                Arguments.of("lone surrogate", "{\"username\":\"\\ud800heidi\",\"password\":\"p\"}".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("overlong username", ("{\"username\":\"" + "a".repeat(300) + "\",\"password\":\"p\"}").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("body over 64 KB", huge));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyIs400WithErrorAndCode(String what, byte[] body) {
        EntityExchangeResult<byte[]> result = server.client.post().uri("/authenticate")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.code").isEqualTo("InputValidationError")
                .jsonPath("$.error").isNotEmpty()
                .returnResult();
        assertNoInternals(result);
    }

    @Test
    void wrongContentTypeIsAnErrorBodyToo() {
        EntityExchangeResult<byte[]> result = server.client.post().uri("/authenticate")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("username=heidi")
                .exchange()
                .expectStatus().is4xxClientError()
                .expectBody().jsonPath("$.code").isNotEmpty().returnResult();
        assertNoInternals(result);
    }

    @Test
    void wrongPasswordIsAuthFailed() {
        server.client.post().uri("/authenticate")
                .bodyValue(Map.of("username", "heidi", "password", "wrong"))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().json("{\"error\":\"Authentication failed\",\"code\":\"AuthFailed\"}");
    }

    @Test
    void unknownPathAndWrongMethodGetTheSameErrorShape() {
        server.client.get().uri("/no/such/path").exchange()
                .expectStatus().isNotFound()
                .expectBody().json("{\"error\":\"Not Found\",\"code\":\"ResourceNotFound\"}", true);
        server.client.put().uri("/authenticate").bodyValue("{}").exchange()
                .expectStatus().isEqualTo(405)
                .expectBody().jsonPath("$.code").isEqualTo("MethodNotAllowed");
    }

    @Test
    void theGoodRequestStillWorks() {
        server.client.post().uri("/authenticate")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"heidi\",\"password\":\"heidi-password\",\"scope\":\"imap\",\"ignored\":1}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.scope").isEqualTo("imap");
    }

    private static void assertNoInternals(EntityExchangeResult<byte[]> result) {
        String body = result.getResponseBody() == null ? "" : new String(result.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("Exception", "at io.", "at org.", "trace", "jackson");
        assertThat(body.length()).isLessThan(500);
    }
}
