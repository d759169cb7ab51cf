package io.mallard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.client.WebClient;

import io.mallard.model.user.PasswordHasher;
import reactor.core.publisher.Flux;

/**
 * Brute force against {@code POST /authenticate} over real HTTP. Client IPs come from
 * {@code X-Forwarded-For}, which the server honours from loopback as it would from the gateway.
 */
class BruteForceTest {

    @TempDir
    static Path dir;

    static AuthServer server;

    @BeforeAll
    static void start() {
        // A low per-IP limit keeps the spraying test short; the per-login limit is WildDuck's default, 12 per 120 s.
        server = new AuthServer(dir, "mallard.access.ip-failures=30");
        server.user("dave", "dave-password");
        server.user("eve", "eve-password");
        server.user("frank", "frank-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void thousandGuessesAreStoppedAfterTheLimitAndTheLockoutEnds() {
        PasswordHasher hasher = server.bean(PasswordHasher.class);
        long verificationsBefore = hasher.verifications();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long started = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            int status = login("dave", "guess-" + i, "203.0.113.7").getStatus().value();
            statuses.merge(status, 1, Integer::sum);
            if (i < 12) {
                assertThat(status).as("guess %d", i).isEqualTo(403);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("1000 guesses: %s in %d ms; KDF runs %d%n", statuses, millis,
                hasher.verifications() - verificationsBefore);
        assertThat(statuses).containsExactly(Map.entry(403, 12), Map.entry(429, 988));
        // Refused attempts cost no password hashing: the lockout also protects the CPU.
        assertThat(hasher.verifications() - verificationsBefore).isEqualTo(12);

        EntityExchangeResult<byte[]> locked = login("dave", "dave-password", "203.0.113.7");
        assertThat(locked.getStatus().value()).isEqualTo(429);
        assertThat(new String(locked.getResponseBody())).contains("\"code\":\"RateLimited\"");
        assertThat(Long.parseLong(locked.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 120L);
        // The login is locked from everywhere, not just from the guessing IP...
        assertThat(login("dave", "dave-password", "198.51.100.1").getStatus().value()).isEqualTo(429);
        // ...but other users, from the same IP or another, are not.
        assertThat(login("eve", "eve-password", "203.0.113.7").getStatus().value()).isEqualTo(200);
        assertThat(login("eve", "eve-password", "198.51.100.1").getStatus().value()).isEqualTo(200);

        server.clock.advance(Duration.ofSeconds(121));
        assertThat(login("dave", "dave-password", "203.0.113.7").getStatus().value()).isEqualTo(200);
    }

    @Test
    void lockoutLooksTheSameForUnknownUsers() {
        for (int i = 0; i < 12; i++) {
            login("nobody-here", "guess", "203.0.113.20");
            login("frank", "guess", "203.0.113.21");
        }
        EntityExchangeResult<byte[]> unknown = login("nobody-here", "guess", "203.0.113.20");
        EntityExchangeResult<byte[]> known = login("frank", "guess", "203.0.113.21");
        assertThat(unknown.getStatus()).isEqualTo(known.getStatus());
        assertThat(unknown.getResponseBody()).isEqualTo(known.getResponseBody());
        assertThat(unknown.getResponseHeaders().headerNames()).isEqualTo(known.getResponseHeaders().headerNames());
        server.clock.advance(Duration.ofSeconds(121));
    }

    @Test
    void oneUsersSuccessDoesNotResetAnothersCounter() {
        server.user("grace", "grace-password");
        for (int i = 0; i < 11; i++) {
            assertThat(login("grace", "guess", "203.0.113.30").getStatus().value()).isEqualTo(403);
        }
        assertThat(login("eve", "eve-password", "203.0.113.30").getStatus().value()).isEqualTo(200);
        assertThat(login("eve", "eve-password", "203.0.113.31").getStatus().value()).isEqualTo(200);
        assertThat(login("grace", "guess", "203.0.113.31").getStatus().value()).isEqualTo(403);
        assertThat(login("grace", "grace-password", "203.0.113.31").getStatus().value()).isEqualTo(429);
        server.clock.advance(Duration.ofSeconds(121));
    }

    @Test
    void perIpLimitStopsSprayingAcrossUsers() {
        for (int i = 0; i < 30; i++) {
            assertThat(login("spray-" + i, "guess", "203.0.113.40").getStatus().value()).isEqualTo(403);
        }
        assertThat(login("eve", "eve-password", "203.0.113.40").getStatus().value()).isEqualTo(429);
        assertThat(login("eve", "eve-password", "203.0.113.41").getStatus().value()).isEqualTo(200);
        server.clock.advance(Duration.ofSeconds(121));
        assertThat(login("eve", "eve-password", "203.0.113.40").getStatus().value()).isEqualTo(200);
    }

    @Test
    void parallelGuessesCannotSlipPastTheLimit() {
        server.user("mallory-target", "target-password");
        PasswordHasher hasher = server.bean(PasswordHasher.class);
        long verificationsBefore = hasher.verifications();
        // WebTestClient blocks per exchange; a plain WebClient really has 50 requests in flight.
        WebClient client = WebClient.create(server.baseUrl);
        Map<Integer, Long> statuses = Flux.range(0, 200)
                .flatMap(i -> client.post().uri("/authenticate")
                        .header("X-Forwarded-For", "203.0.113.50")
                        .bodyValue(Map.of("username", "mallory-target", "password", "guess-" + i))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 50)
                .collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()))
                .block();
        assertThat(statuses).containsExactly(Map.entry(403, 12L), Map.entry(429, 188L));
        assertThat(hasher.verifications() - verificationsBefore).isEqualTo(12);
        server.clock.advance(Duration.ofSeconds(121));
    }

    private static EntityExchangeResult<byte[]> login(String username, String password, String ip) {
        return server.client.post().uri("/authenticate")
                .header("X-Forwarded-For", ip)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange()
                .expectBody().returnResult();
    }
}
