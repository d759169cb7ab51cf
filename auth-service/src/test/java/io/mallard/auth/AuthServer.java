package io.mallard.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.mallard.model.store.embedded.EmbeddedMongoServer;
import io.mallard.model.store.embedded.EmbeddedRedisServer;
import io.mallard.model.testing.SettableClock;
import io.mallard.model.user.NewUser;
import io.mallard.model.user.User;
import io.mallard.model.user.UserSettings;
import io.mallard.model.user.UserStore;

/**
 * The auth-service running for real on a free port, over embedded MongoDB and redis-server
 * started here, so that a CLI in the same test can reach the same stores through their URIs.
 */
public final class AuthServer implements AutoCloseable {

    public static final String ROOT_TOKEN = "test-root-token-" + "0123456789abcdef";

    public final SettableClock clock = new SettableClock(Instant.now());
    public final EmbeddedMongoServer mongo;
    public final EmbeddedRedisServer redis;
    public final ConfigurableApplicationContext context;
    public final String baseUrl;
    public final WebTestClient client;

    public AuthServer(Path dir, String... properties) {
        mongo = EmbeddedMongoServer.start(dir.resolve("mongo"));
        redis = EmbeddedRedisServer.start(dir.resolve("redis"));
        List<String> all = new ArrayList<>(List.of("mallard.auth.port=0", "mallard.mongo.uri=" + mongo.connectionString(),
                "mallard.redis.uri=" + redis.uri(), "mallard.root.token=" + ROOT_TOKEN));
        all.addAll(List.of(properties));
        context = AuthApplication.builder()
                .properties(all.toArray(String[]::new))
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
                .run();
        String port = context.getEnvironment().getProperty("local.server.port");
        baseUrl = "http://127.0.0.1:" + port;
        client = WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** The variables a CLI process would get to reach this server's stores. */
    public Map<String, String> env() {
        return Map.of("MALLARD_MONGO_URI", mongo.connectionString(), "MALLARD_REDIS_URI", redis.uri(),
                "MALLARD_ROOT_TOKEN", ROOT_TOKEN);
    }

    /** Logs in with {@code token: true} and returns the issued token. */
    @SuppressWarnings("unchecked")
    public String token(String username, String password) {
        Map<String, Object> body = client.post().uri("/authenticate")
                .bodyValue(Map.of("username", username, "password", password, "token", true))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("token");
    }

    public WebTestClient.ResponseSpec describe(String token) {
        return client.get().uri("/authenticated").header("X-Access-Token", token).exchange();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public User user(String username, String password) {
        return bean(UserStore.class).create(new NewUser(username, password, username, username + "@example.com",
                UserSettings.DEFAULTS)).block();
    }

    @Override
    public void close() {
        context.close();
        redis.close();
        mongo.close();
    }
}
