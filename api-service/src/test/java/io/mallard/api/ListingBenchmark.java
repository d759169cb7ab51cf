package io.mallard.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.mallard.model.mail.MessageAppender;
import io.mallard.model.user.User;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Issue #8's load figure, not a timed test: {@code GET .../messages?limit=50} at 500 concurrent
 * connections from a Reactor Netty client, printing requests/s, p50/p99 and heap. Runs only when
 * asked: {@code -Dtest=ListingBenchmark -Dmallard.bench=true}. Client and server share this JVM,
 * so the figures are a floor for the server alone.
 */
@EnabledIfSystemProperty(named = "mallard.bench", matches = "true")
class ListingBenchmark {

    /** Overridable to find where latency bends: {@code -Dmallard.bench.concurrency=50 -Dmallard.bench.requests=2000}. */
    static final int CONCURRENCY = Integer.getInteger("mallard.bench.concurrency", 500);
    static final int REQUESTS = Integer.getInteger("mallard.bench.requests", 20_000);
    static final int LIMIT = Integer.getInteger("mallard.bench.limit", 50);

    @Test
    void listFiftyMessagesAt500Connections() {
        ApiServer server = ApiServer.shared();
        User user = server.user("bench");
        String inbox = server.inbox(user.id());
        MessageAppender appender = server.bean(MessageAppender.class);
        for (int i = 0; i < 200; i++) {
            appender.append(new ObjectId(inbox), MessageResourceTest.simple(i), List.of(), Instant.now()).block();
        }
        String port = server.context.getEnvironment().getProperty("local.server.port");
        String token = server.token(user);
        HttpClient client = HttpClient.create(ConnectionProvider.builder("bench").maxConnections(CONCURRENCY)
                        .pendingAcquireMaxCount(-1).build())
                .baseUrl("http://127.0.0.1:" + port)
                .headers(headers -> headers.add("X-Access-Token", token));
        String uri = "/users/me/mailboxes/" + inbox + "/messages?limit=" + LIMIT;
        run(client, uri, Math.max(REQUESTS / 5, 100), "warm-up");
        run(client, uri, REQUESTS, "measured");
    }

    private static void run(HttpClient client, String uri, int requests, String label) {
        long[] latencies = new long[requests];
        long start = System.nanoTime();
        Flux.range(0, requests).flatMap(i -> {
            long sent = System.nanoTime();
            return client.get().uri(uri).responseSingle((response, body) -> response.status().code() == 200
                            ? body.asByteArray()
                            : Mono.error(new IllegalStateException("HTTP " + response.status())))
                    .doOnNext(bytes -> latencies[i] = System.nanoTime() - sent);
        }, CONCURRENCY).blockLast(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("%s: %d requests at %d connections, %.0f req/s, p50 %.1f ms, p99 %.1f ms, heap used %d MB of %d MB%n", label,
                requests, CONCURRENCY, requests / seconds, latencies[requests / 2] / 1e6, latencies[requests * 99 / 100] / 1e6,
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
    }
}
