package io.mallard.api;

import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import com.sun.net.httpserver.HttpServer;

import io.mallard.model.lease.Lease;
import io.mallard.model.store.MongoStore;
import io.mallard.model.user.User;
import io.mallard.model.webhook.WebhookEvent;
import io.mallard.model.webhook.WebhookQueue;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events reach a real HTTP receiver that refuses the first attempts: each is retried with back-off
 * until accepted, keeps its id and signature on every attempt, and is accepted once. User events
 * come from the API, mailbox and message events from the journal; one worker holds the lease.
 */
class WebhookDeliveryTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String SECRET = "webhook-secret-0123456789";
    static final int REFUSALS = 2;
    static final JsonMapper JSON = JsonMapper.builder().build();

    record Post(String eventId, String signature, String body, int status) {
    }

    HttpServer receiver;
    final List<Post> posts = new CopyOnWriteArrayList<>();
    final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    volatile int answer = 200;

    @BeforeEach
    void listen() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("X-Mallard-Event-Id");
            int attempt = attempts.merge(id, 1, Integer::sum);
            int status = answer != 200 ? answer : attempt <= REFUSALS ? 503 : 200;
            posts.add(new Post(id, exchange.getRequestHeaders().getFirst("X-Mallard-Signature"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    @SuppressWarnings("unchecked")
    void eventsAreRetriedUntilAcceptedAndAcceptedOnce() throws Exception {
        String webhook = WebhookResourceTest.create(map("type", List.of("user.created", "mailbox.*", "message.new"),
                "url", url(), "secret", SECRET));
        try {
            String username = "hooked-" + UUID.randomUUID().toString().substring(0, 8);
            String user = (String) server.post(ROOT, map("username", username, "password", "secret-" + username,
                    "address", username + "@example.com"), "/users").exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("id");
            server.post(ROOT, map("path", "Projects"), "/users/{u}/mailboxes", user).exchange().expectStatus().isOk();
            String inbox = server.inbox(new ObjectId(user));
            server.client.post().uri("/users/{u}/mailboxes/{m}/messages", user, inbox).header("X-Access-Token", ROOT)
                    .contentType(MediaType.parseMediaType("message/rfc822"))
                    .bodyValue("From: a@x.example\r\nSubject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII))
                    .exchange().expectStatus().isOk();

            Map<String, Object> created = accepted("user.created", user, null);
            assertThat(created.get("username")).isEqualTo(username);
            Map<String, Object> projects = accepted("mailbox.created", user, "Projects");
            assertThat(projects.get("path")).isEqualTo("Projects");
            Map<String, Object> message = accepted("message.new", user, null);
            assertThat(message.get("mailbox")).isEqualTo(inbox);
            assertThat(((Number) message.get("uid")).longValue()).isEqualTo(1);

            // Published again (a replay, a second instance): queued once, so never posted again.
            WebhookEvent again = new WebhookEvent((String) created.get("id"), "user.created",
                    new ObjectId(user), Instant.now(), Map.of("username", username));
            assertThat(server.bean(WebhookQueue.class).publish(again).block()).isZero();
            Thread.sleep(1000);
            assertThat(posts.stream().filter(p -> p.eventId().equals(created.get("id")))).hasSize(REFUSALS + 1);

            // The running worker holds the lease: a second instance's worker cannot take it.
            Lease other = new Lease(server.bean(MongoStore.class).database(), "webhooks", "another-instance",
                    Duration.ofSeconds(30), Clock.systemUTC());
            assertThat(other.acquire().block()).isFalse();
        } finally {
            server.delete(ROOT, "/webhooks/{w}", webhook).exchange().expectStatus().isOk();
        }
    }

    @Test
    void aUserScopedWebhookHearsOnlyItsUserAndA410RemovesIt() throws InterruptedException {
        User amy = server.user("amy");
        User bob = server.user("bob");
        answer = 410;
        String webhook = WebhookResourceTest.create(map("type", List.of("*"), "user", amy.id().toHexString(),
                "url", url()));
        server.post(ROOT, map("path", "Elsewhere"), "/users/{u}/mailboxes", bob.id().toHexString()).exchange()
                .expectStatus().isOk();
        server.post(ROOT, map("path", "Mine"), "/users/{u}/mailboxes", amy.id().toHexString()).exchange()
                .expectStatus().isOk();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (posts.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        // Time for anything else that was queued (bob's mailbox, amy's older events) to show up: nothing does.
        Thread.sleep(1000);
        assertThat(posts).hasSize(1);
        assertThat(json(posts.get(0).body())).containsEntry("user", amy.id().toHexString()).containsEntry("path", "Mine");
        ApiServer.expectError(server.get(ROOT, "/webhooks/{w}", webhook).exchange(), 404, "WebhookNotFound");
    }

    /** Waits for the accepted post of the event; checks the attempts before it. */
    private Map<String, Object> accepted(String type, String user, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (Post post : posts) {
                Map<String, Object> body = json(post.body());
                if (post.status() == 200 && type.equals(body.get("ev")) && user.equals(body.get("user"))
                        && (path == null || path.equals(body.get("path")))) {
                    List<Post> tries = posts.stream().filter(p -> p.eventId().equals(post.eventId())).toList();
                    assertThat(tries).hasSize(REFUSALS + 1);
                    assertThat(tries).extracting(Post::body).containsOnly(post.body());
                    assertThat(tries).extracting(Post::status).containsExactly(503, 503, 200);
                    assertThat(body.get("id")).isEqualTo(post.eventId());
                    assertThat(post.signature()).isEqualTo("sha256=" + hmac(post.body()));
                    return body;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(type + " for " + user + " never accepted; posts: " + posts);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return JSON.readValue(body, Map.class);
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
