package io.mallard.model.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.store.MongoStore;
import io.mallard.model.store.embedded.EmbeddedMongoServer;
import io.mallard.model.testing.SettableClock;

/** One holder at a time, taken over only after expiry; progress written only by the holder. */
class LeaseTest {

    static final Duration TERM = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    static EmbeddedMongoServer server;
    static MongoStore mongo;

    @BeforeAll
    static void open() {
        server = EmbeddedMongoServer.start(dataDir);
        mongo = new MongoStore(server.connectionString());
    }

    @AfterAll
    static void close() {
        mongo.close();
        server.close();
    }

    @Test
    void theHolderKeepsItUntilItExpiresAndOnlyTheHolderMovesItsProgress() {
        SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
        MongoDatabase database = mongo.database();
        Lease a = new Lease(database, "job-1", "a", TERM, clock);
        Lease b = new Lease(database, "job-1", "b", TERM, clock);

        assertThat(a.acquire().block()).isTrue();
        assertThat(b.acquire().block()).isFalse();
        assertThat(a.note("position", 7L).block()).isTrue();
        assertThat(b.note("position", 1L).block()).isFalse();

        clock.advance(TERM.minusSeconds(1));
        assertThat(a.acquire().block()).as("renewed").isTrue();
        clock.advance(TERM.minusSeconds(1));
        assertThat(b.acquire().block()).as("still held after the renewal").isFalse();

        clock.advance(Duration.ofSeconds(2));
        assertThat(b.acquire().block()).as("expired").isTrue();
        assertThat(a.acquire().block()).isFalse();
        assertThat(b.noted("position").block()).as("progress travels with the lease").isEqualTo(7L);
        assertThat(a.note("position", 3L).block()).as("a lost it").isFalse();

        b.release().block();
        assertThat(a.acquire().block()).as("released").isTrue();
    }

    @Test
    void ofManyInstancesRacingForAFreeLeaseExactlyOneWins() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Lease lease = new Lease(mongo.database(), "job-2", "owner-" + i, TERM, clock);
                racers.add(() -> lease.acquire().block());
            }
            long winners = 0;
            for (Future<Boolean> result : pool.invokeAll(racers)) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
