package io.mallard.imap.transcript;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.imap.support.ImapClient;
import io.mallard.imap.support.TestServer;
import io.mallard.model.store.embedded.EmbeddedMongoServer;
import io.mallard.model.store.embedded.EmbeddedRedisServer;
import io.mallard.model.user.UserLimits;
import io.mallard.model.user.UserSettings;

/**
 * The per-user connection limit counts the user's sessions on every instance (two here, sharing
 * MongoDB and Redis): a login past it gets {@code NO [LIMIT]} and stays unauthenticated; a session
 * that ends, by LOGOUT or by a dropped socket, frees its slot; a user's own limit wins.
 */
@Timeout(90)
class ConnectionLimitTest {

    private static final String REFUSED = "l1 NO \\[LIMIT\\] Too many simultaneous connections";

    @TempDir
    Path dataDir;

    @Test
    void theLimitHoldsAcrossInstancesAndSlotsComeBackWhenSessionsEnd() {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir.resolve("mongo"));
                EmbeddedRedisServer redis = EmbeddedRedisServer.start(dataDir.resolve("redis"));
                TestServer first = TestServer.start(dataDir.resolve("a"), "mallard.mongo.uri=" + mongo.connectionString(),
                        "mallard.redis.uri=" + redis.uri(), "mallard.imap.max-connections-per-user=2");
                TestServer second = TestServer.start(dataDir.resolve("b"), "mallard.mongo.uri=" + mongo.connectionString(),
                        "mallard.redis.uri=" + redis.uri(), "mallard.imap.max-connections-per-user=2")) {
            first.user("busy");
            first.user("modest", UserSettings.DEFAULTS.withLimits(new UserLimits(1, 0, 0, 0)));
            try (ImapClient onFirst = new ImapClient(first.port()).login("busy");
                    ImapClient onSecond = new ImapClient(second.port()).login("busy");
                    ImapClient third = new ImapClient(first.port())) {
                third.send("l1 LOGIN busy \"" + TestServer.PASSWORD + "\"").expect(REFUSED);
                third.send("a2 SELECT INBOX").expect("a2 BAD .*");

                onSecond.send("a3 LOGOUT").expect("\\* BYE .*");
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        third.send("l1 LOGIN busy \"" + TestServer.PASSWORD + "\"").expect("l1 OK .*"));

                onFirst.close();
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    try (ImapClient again = new ImapClient(second.port())) {
                        again.send("l1 LOGIN busy \"" + TestServer.PASSWORD + "\"").expect("l1 OK .*");
                    }
                });

                try (ImapClient one = new ImapClient(second.port()).login("modest");
                        ImapClient two = new ImapClient(first.port())) {
                    two.send("l1 LOGIN modest \"" + TestServer.PASSWORD + "\"").expect(REFUSED);
                }
            }
        }
    }
}
