package io.mallard.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.bson.types.ObjectId;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.mallard.model.access.AccessTokens;
import io.mallard.model.mail.UserProvisioning;
import io.mallard.model.message.MailStorage;
import io.mallard.model.testing.SmtpSink;
import io.mallard.model.user.NewUser;
import io.mallard.model.user.User;
import io.mallard.model.user.UserSettings;

/**
 * The api-service running for real on a free port over its embedded stores (started by the app
 * itself from {@code mallard.data.dir}). One instance serves every test class of the module, so
 * the suite pays the start-up once; tests keep apart by creating their own users.
 */
public final class ApiServer {

    public static final String ROOT_TOKEN = "api-test-root-token-0123456789abcdef";

    private static ApiServer shared;

    public final ConfigurableApplicationContext context;
    public final WebTestClient client;
    /** The SMTP relay the outbound queue drains into (forwards, submissions). */
    public final SmtpSink relay = new SmtpSink(0);
    private final List<SmtpSink.Received> relayed = new ArrayList<>();

    private ApiServer(Path dir) {
        context = ApiApplication.builder()
                // api.yml binds server.port to mallard.api.port, which wins over builder defaults.
                .properties("mallard.api.port=0", "mallard.data.dir=" + dir, "mallard.root.token=" + ROOT_TOKEN,
                        "mallard.api.max-message=1MB", "mallard.api.max-file=256KB", "mallard.relay.host=127.0.0.1",
                        "mallard.relay.port=" + relay.port(), "mallard.relay.poll=100ms",
                        // Webhook retries within a test's patience.
                        "mallard.webhooks.poll=200ms", "mallard.webhooks.backoff=100ms", "mallard.webhooks.max-attempts=4")
                .run();
        String port = context.getEnvironment().getProperty("local.server.port");
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    public static synchronized ApiServer shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("mallard-api-test");
                shared = new ApiServer(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    shared.context.close();
                    shared.relay.close();
                    delete(dir);
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** The message the relay took for {@code recipient}, waiting for the queue to drain; null if none came. */
    public synchronized SmtpSink.Received relayedTo(String recipient) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            for (SmtpSink.Received received : relayed) {
                if (received.to().contains(recipient)) {
                    relayed.remove(received);
                    return received;
                }
            }
            long left = deadline - System.nanoTime();
            SmtpSink.Received next = left <= 0 ? null : relay.received().poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return null;
            }
            // Other tests' mail waits here for them.
            relayed.add(next);
        }
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A fresh user with its default mailboxes, under a unique name. */
    public User user(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return bean(UserProvisioning.class).create(new NewUser(name, "secret-" + name, name, name + "@example.com",
                UserSettings.DEFAULTS)).block();
    }

    public User user(String prefix, long quota) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return bean(UserProvisioning.class).create(new NewUser(name, "secret-" + name, name, name + "@example.com",
                UserSettings.DEFAULTS.withQuota(quota))).block();
    }

    /** A user-role API token, as {@code POST /authenticate} would issue it. */
    public String token(User user) {
        return bean(AccessTokens.class).issue(user.id(), user.username(), "user", "master", null).block().token();
    }

    public String inbox(ObjectId user) {
        return bean(MailStorage.class).mailboxes().require(user, "INBOX").block().id().toHexString();
    }

    public WebTestClient.RequestHeadersSpec<?> get(String token, String uri, Object... vars) {
        return client.get().uri(uri, vars).header("X-Access-Token", token);
    }

    public WebTestClient.RequestHeadersSpec<?> delete(String token, String uri, Object... vars) {
        return client.delete().uri(uri, vars).header("X-Access-Token", token);
    }

    public WebTestClient.RequestHeadersSpec<?> post(String token, Object body, String uri, Object... vars) {
        return client.post().uri(uri, vars).header("X-Access-Token", token).bodyValue(body);
    }

    public WebTestClient.RequestHeadersSpec<?> put(String token, Object body, String uri, Object... vars) {
        return client.put().uri(uri, vars).header("X-Access-Token", token).bodyValue(body);
    }

    /** Asserts WildDuck's error body with {@code code}. */
    public static void expectError(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus().isEqualTo(status).expectBody()
                .jsonPath("$.code").isEqualTo(code)
                .jsonPath("$.error").isNotEmpty();
    }

    public static Map<String, Object> map(Object... pairs) {
        java.util.LinkedHashMap<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort at JVM exit; the OS cleans temp directories anyway.
        }
    }
}
