package io.mallard.model.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.reactivestreams.client.MongoCollection;

import io.mallard.model.store.CollectionIndexes;
import io.mallard.model.store.IndexedCollection;
import io.mallard.model.store.MongoStore;
import io.mallard.model.store.embedded.EmbeddedMongoServer;
import io.mallard.model.testing.SettableClock;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExpirySweeperTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final List<IndexedCollection> DECLARED = List.of(
            new IndexedCollection("sessions", List.of(ExpiryIndex.model()), null),
            new IndexedCollection("mailboxes", List.of(), null));

    @TempDir
    Path dataDir;

    private EmbeddedMongoServer server;
    private MongoStore store;
    private MongoCollection<Document> sessions;
    private final SettableClock clock = new SettableClock(NOW);

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.start(dataDir);
        store = new MongoStore(server.connectionString());
        CollectionIndexes.ensure(store.database(), DECLARED).block();
        sessions = store.database().getCollection("sessions");
    }

    @AfterEach
    void stop() {
        store.close();
        server.close();
    }

    @Test
    void aSweepDeletesTheDocumentsWhoseDateHasPassedAndKeepsTheRest() {
        insert(new Document("_id", "past").append(ExpiryIndex.FIELD, Date.from(NOW.minusSeconds(60))),
                new Document("_id", "now").append(ExpiryIndex.FIELD, Date.from(NOW)),
                new Document("_id", "future").append(ExpiryIndex.FIELD, Date.from(NOW.plusSeconds(60))),
                new Document("_id", "forever"));

        try (ExpirySweeper sweeper = new ExpirySweeper(store.database(), DECLARED, clock)) {
            assertThat(sweeper.sweep().block()).isEqualTo(2);
            assertThat(ids()).containsExactlyInAnyOrder("future", "forever");

            clock.advance(Duration.ofMinutes(2));
            assertThat(sweeper.sweep().block()).isEqualTo(1);
            assertThat(ids()).containsExactly("forever");
        }
    }

    @Test
    void theDeclaredIndexIsARealTtlIndexSoMongoDbExpiresOnItsOwn() {
        Document index = Flux.from(sessions.listIndexes())
                .filter(description -> description.get("key", Document.class).containsKey(ExpiryIndex.FIELD))
                .blockFirst();

        assertThat(index).isNotNull();
        assertThat(((Number) index.get("expireAfterSeconds")).longValue()).isZero();
    }

    @Test
    void sweepersRunningSideBySideDeleteEachExpiredDocumentOnce() {
        List<Document> expired = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expired.add(new Document("_id", i).append(ExpiryIndex.FIELD, Date.from(NOW.minusSeconds(i))));
        }
        insert(expired.toArray(Document[]::new));

        try (ExpirySweeper one = new ExpirySweeper(store.database(), DECLARED, clock);
             ExpirySweeper other = new ExpirySweeper(store.database(), DECLARED, clock)) {
            List<Long> deleted = Flux.merge(one.sweep(), other.sweep(), one.sweep()).collectList().block();

            assertThat(deleted.stream().mapToLong(Long::longValue).sum()).isEqualTo(200);
            assertThat(ids()).isEmpty();
        }
    }

    @Test
    void aSweepReadsOnlyTheExpiredDocumentsThroughTheIndex() {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            documents.add(new Document("_id", i).append(ExpiryIndex.FIELD, Date.from(NOW.plusSeconds(i - 9))));
        }
        for (int i = 0; i < 500; i++) {
            documents.add(new Document("_id", "no-expiry-" + i));
        }
        insert(documents.toArray(Document[]::new));
        long before = server.documentsVisited(MongoStore.DEFAULT_DATABASE, "sessions");

        try (ExpirySweeper sweeper = new ExpirySweeper(store.database(), DECLARED, clock)) {
            assertThat(sweeper.sweep().block()).isEqualTo(10);
        }

        assertThat(server.documentsVisited(MongoStore.DEFAULT_DATABASE, "sessions") - before).isEqualTo(10);
    }

    @Test
    void aStartedSweeperKeepsDeletingAsTimePasses() throws InterruptedException {
        insert(new Document("_id", "soon").append(ExpiryIndex.FIELD, Date.from(NOW.plusSeconds(30))));

        try (ExpirySweeper sweeper = new ExpirySweeper(store.database(), DECLARED, clock)) {
            Disposable running = sweeper.start(Duration.ofMillis(50));
            Thread.sleep(300);
            assertThat(ids()).containsExactly("soon");

            clock.advance(Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!ids().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            running.dispose();
        }
        assertThat(ids()).isEmpty();
    }

    private void insert(Document... documents) {
        Mono.from(sessions.insertMany(List.of(documents))).block();
    }

    private List<Object> ids() {
        return Flux.from(sessions.find()).map(document -> document.get("_id")).collectList().block();
    }
}
