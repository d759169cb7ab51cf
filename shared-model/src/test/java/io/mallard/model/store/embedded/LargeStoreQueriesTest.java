package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;

import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 200,000 message-like documents in 200 mailboxes of 1,000: listing one mailbox must read about
 * as many documents as it returns, not the whole collection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LargeStoreQueriesTest {

    private static final int MAILBOXES = 200;
    private static final int MESSAGES_PER_MAILBOX = 1_000;
    private static final int TOTAL = MAILBOXES * MESSAGES_PER_MAILBOX;
    private static final int BATCH = 2_000;

    @TempDir
    static Path dataDir;

    private EmbeddedMongoServer server;
    private MongoStore store;
    private MongoCollection<Document> messages;
    private final List<ObjectId> mailboxes = new ArrayList<>();

    @BeforeAll
    void fillStore() {
        long starting = System.nanoTime();
        server = EmbeddedMongoServer.start(dataDir);
        System.out.printf("empty store started in %d ms%n", (System.nanoTime() - starting) / 1_000_000);
        store = new MongoStore(server.connectionString());
        messages = store.database().getCollection("messages");
        Flux.from(messages.createIndexes(List.of(
                new IndexModel(Indexes.ascending("mailbox", "uid"), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("mailbox", "modseq")),
                new IndexModel(Indexes.ascending("thread"))))).blockLast();
        for (int m = 0; m < MAILBOXES; m++) {
            mailboxes.add(new ObjectId());
        }
        long started = System.nanoTime();
        List<Document> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < TOTAL; i++) {
            // mailbox by mailbox, as a migration would load them: each batch touches few index pages
            int uid = i % MESSAGES_PER_MAILBOX + 1;
            batch.add(new Document("_id", new ObjectId())
                    .append("mailbox", mailboxes.get(i / MESSAGES_PER_MAILBOX))
                    .append("uid", uid)
                    .append("modseq", (long) uid)
                    .append("thread", i / 4)
                    .append("flags", uid % 3 == 0 ? List.of("\\Seen") : List.of())
                    .append("size", 1_000 + i % 5_000));
            if (batch.size() == BATCH) {
                Mono.from(messages.insertMany(batch)).block();
                batch = new ArrayList<>(BATCH);
            }
        }
        System.out.printf("inserted %d documents in %d ms, file %d MiB%n", TOTAL, (System.nanoTime() - started) / 1_000_000,
                dataDir.resolve("mongo.mv").toFile().length() >> 20);
    }

    @AfterAll
    void stop() {
        store.close();
        server.close();
    }

    @Test
    void listingAMailboxByUidRangeReadsOnlyThatRange() {
        ObjectId mailbox = mailboxes.get(17);

        List<Document> all = listed(Filters.and(Filters.eq("mailbox", mailbox),
                Filters.gte("uid", 1), Filters.lte("uid", MESSAGES_PER_MAILBOX)), Sorts.ascending("uid"));
        assertThat(all).hasSize(MESSAGES_PER_MAILBOX);
        assertThat(all).extracting(document -> document.getInteger("uid")).isSorted();
        assertVisitedAbout(all.size());

        Bson flat = new Document("mailbox", mailbox).append("uid", new Document("$gte", 101).append("$lte", 200));
        List<Document> some = listed(flat, Sorts.ascending("uid"));
        assertThat(some).extracting(document -> document.getInteger("uid")).containsExactlyElementsOf(range(101, 200));
        assertVisitedAbout(some.size());
    }

    @Test
    void listingChangesSinceAModseqReadsOnlyTheChanges() {
        ObjectId mailbox = mailboxes.get(42);

        List<Document> changed = listed(new Document("mailbox", mailbox).append("modseq", new Document("$gt", 900L)),
                Sorts.ascending("modseq"));

        assertThat(changed).extracting(document -> document.getLong("modseq")).containsExactlyElementsOf(
                range(901, 1000).stream().map(Integer::longValue).toList());
        assertVisitedAbout(changed.size());
    }

    @Test
    void equalityOnOneIndexedFieldReadsOnlyTheMatches() {
        List<Document> thread = listed(Filters.eq("thread", 12_345), Sorts.ascending("uid"));

        assertThat(thread).hasSize(4);
        assertVisitedAbout(thread.size());
    }

    @Test
    void aQueryOnAnUnindexedFieldStillReadsEveryDocument() {
        List<Document> large = listed(Filters.gte("size", 5_990), Sorts.ascending("size"));

        assertThat(large).hasSize(TOTAL / 5_000 * 10);
        assertThat(lastVisits).isEqualTo(TOTAL);
    }

    @Test
    void aRestartIsQuickAndTheIndexesServeAtOnce() {
        store.close();
        server.close();

        long starting = System.nanoTime();
        server = EmbeddedMongoServer.start(dataDir);
        long startMillis = (System.nanoTime() - starting) / 1_000_000;
        System.out.printf("store of %d documents restarted in %d ms%n", TOTAL, startMillis);
        store = new MongoStore(server.connectionString());
        messages = store.database().getCollection("messages");

        assertThat(startMillis).isLessThan(10_000);
        List<Document> changed = listed(Filters.and(Filters.eq("mailbox", mailboxes.get(199)), Filters.gt("modseq", 990L)),
                Sorts.ascending("modseq"));
        assertThat(changed).hasSize(10);
        assertVisitedAbout(changed.size());
    }

    private long lastVisits;

    private List<Document> listed(Bson filter, Bson sort) {
        long before = server.documentsVisited(MongoStore.DEFAULT_DATABASE, "messages");
        long started = System.nanoTime();
        List<Document> found = Flux.from(messages.find(filter).sort(sort)).collectList().block();
        long micros = (System.nanoTime() - started) / 1_000;
        lastVisits = server.documentsVisited(MongoStore.DEFAULT_DATABASE, "messages") - before;
        System.out.printf("%s -> %d documents, %d visited, %d µs%n", filter, found.size(), lastVisits, micros);
        return found;
    }

    private void assertVisitedAbout(int resultSize) {
        assertThat(lastVisits).isLessThan(2L * resultSize + 10);
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> values = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            values.add(i);
        }
        return values;
    }
}
