package io.mallard.model.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.model.Filters;

import io.mallard.model.config.MallardProperties;
import io.mallard.model.store.CollectionIndexes;
import io.mallard.model.store.Stores;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class AuthLogTest {

    private static final Instant T0 = Instant.parse("2026-01-10T12:00:00Z");

    @TempDir
    static Path dataDir;

    private static Stores stores;

    @BeforeAll
    static void open() {
        stores = Stores.open(MallardProperties.embeddedIn(dataDir));
        CollectionIndexes.ensure(stores.mongo().database(), List.of(AuthLog.INDEXES)).block();
    }

    @AfterAll
    static void close() {
        stores.close();
    }

    private static AuthLog at(Instant now) {
        return new AuthLog(stores.mongo().database(), Duration.ofDays(7), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void queriesOneUsersAttemptsInATimeWindowNewestFirst() {
        ObjectId user = new ObjectId();
        ObjectId other = new ObjectId();
        for (int hour = 0; hour < 5; hour++) {
            at(T0.plus(Duration.ofHours(hour))).record(user, "u", "198.51.100.1", "imap",
                    hour % 2 == 0 ? AuthOutcome.SUCCESS : AuthOutcome.WRONG_PASSWORD, null, null).block();
        }
        at(T0.plus(Duration.ofHours(2))).record(other, "o", "198.51.100.2", "pop3", AuthOutcome.SUCCESS, "master", null).block();

        List<AuthEvent> window = at(T0).forUser(user, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(4)), 10)
                .collectList().block();

        assertThat(window).extracting(AuthEvent::created)
                .containsExactly(T0.plus(Duration.ofHours(3)), T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(1)));
        assertThat(window).extracting(AuthEvent::result)
                .containsExactly(AuthOutcome.WRONG_PASSWORD, AuthOutcome.SUCCESS, AuthOutcome.WRONG_PASSWORD);
        assertThat(at(T0).forUser(user, T0, T0.plus(Duration.ofDays(1)), 2).collectList().block()).hasSize(2);
    }

    @Test
    void attemptsOfTheSameMillisecondComeNewestFirstToo() {
        ObjectId user = new ObjectId();
        AuthLog sameInstant = at(T0);
        for (int n = 1; n <= 20; n++) {
            sameInstant.record(user, "u", "192.0.2." + n, "imap", AuthOutcome.SUCCESS, "master", null).block();
        }

        assertThat(sameInstant.forUser(user, T0, T0.plusSeconds(1), 3).collectList().block())
                .extracting(AuthEvent::ip).containsExactly("192.0.2.20", "192.0.2.19", "192.0.2.18");
    }

    @Test
    void eachEntryExpiresAfterTheRetentionThroughATtlIndex() {
        ObjectId asp = new ObjectId();
        AuthEvent event = at(T0).record(null, "ghost", "203.0.113.9", "smtp", AuthOutcome.UNKNOWN_USER, null, asp).block();

        Document stored = Mono.from(stores.mongo().database().getCollection(AuthLog.COLLECTION)
                .find(Filters.eq("_id", event.id())).first()).block();
        assertThat(stored.getDate("expiresAt").toInstant()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(stored.getString("result")).isEqualTo("unknown_user");
        assertThat(stored.getObjectId("asp")).isEqualTo(asp);
        List<Document> indexes = Flux.from(stores.mongo().database().getCollection(AuthLog.COLLECTION).listIndexes())
                .collectList().block();
        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.get("key", Document.class)).containsKey("expiresAt");
            assertThat(((Number) index.get("expireAfterSeconds")).longValue()).isZero();
        });
    }
}
