package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;

import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Queries run beside writes to the same collection without its lock: while other threads move
 * messages' flag and MODSEQ index entries, insert and delete, every query answers each matching
 * document once and no document that does not match.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadsBesideWritesTest {

    private static final int MESSAGES = 40;
    private static final int READS = 300;

    @TempDir
    Path dataDir;

    private EmbeddedMongoServer server;
    private MongoStore store;
    private MongoCollection<Document> messages;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final AtomicBoolean reading = new AtomicBoolean(true);

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.start(dataDir);
        store = new MongoStore(server.connectionString());
        messages = store.database().getCollection("messages");
        Flux.from(messages.createIndexes(List.of(
                new IndexModel(Indexes.ascending("mailbox", "uid"), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("mailbox", "modseq")),
                new IndexModel(Indexes.ascending("mailbox", "flags"))))).blockLast();
        List<Document> documents = new ArrayList<>();
        for (int uid = 1; uid <= MESSAGES; uid++) {
            // the even UIDs keep \Seen throughout; \Flagged comes and goes on all of them
            List<String> flags = uid % 2 == 0 ? List.of("\\Seen") : List.of();
            documents.add(new Document("mailbox", "m").append("uid", uid).append("modseq", (long) uid).append("flags", flags));
        }
        Mono.from(messages.insertMany(documents)).block();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        store.close();
        server.close();
    }

    @Test
    void aSearchForAFlagFindsEveryMessageThatKeepsItWhileOtherFlagsChange() throws Exception {
        Future<Void> writer = threads.submit(this::toggleFlagged);

        for (int i = 0; i < READS; i++) {
            List<Integer> seen = uids(Filters.and(Filters.eq("mailbox", "m"), Filters.eq("flags", "\\Seen")));
            assertThat(seen).containsExactlyInAnyOrderElementsOf(evenUids());
        }
        reading.set(false);
        writer.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aModseqRangeAnswersEachMovedMessageOnceAndOnlyWhenItMatches() throws Exception {
        Future<Void> writer = threads.submit(this::toggleFlagged);

        for (int i = 0; i < READS; i++) {
            // every MODSEQ only grows: all messages match a range from 1, whatever moved meanwhile
            assertThat(uids(Filters.and(Filters.eq("mailbox", "m"), Filters.gte("modseq", 1L))))
                    .doesNotHaveDuplicates().hasSize(MESSAGES);
            long floor = (long) MESSAGES + i;
            List<Document> changed = Flux.from(messages.find(Filters.and(Filters.eq("mailbox", "m"),
                    Filters.gt("modseq", floor)))).collectList().block();
            assertThat(changed).allMatch(message -> message.getLong("modseq") > floor);
            assertThat(changed.stream().map(message -> message.getInteger("uid"))).doesNotHaveDuplicates();
        }
        reading.set(false);
        writer.get(30, TimeUnit.SECONDS);
    }

    @Test
    void queriesAndCountsSkipMessagesDeletedAfterTheirIndexEntryWasRead() throws Exception {
        Future<Void> writer = threads.submit(() -> {
            for (int uid = 1000; reading.get(); uid++) {
                Mono.from(messages.insertOne(new Document("mailbox", "m").append("uid", uid).append("modseq", 0L)
                        .append("flags", List.of("\\Deleted")))).block();
                Mono.from(messages.deleteOne(Filters.and(Filters.eq("mailbox", "m"), Filters.eq("uid", uid)))).block();
            }
            return null;
        });

        Bson deleted = Filters.and(Filters.eq("mailbox", "m"), Filters.eq("flags", "\\Deleted"), Filters.gte("uid", 1000));
        for (int i = 0; i < READS; i++) {
            assertThat(uids(deleted)).hasSizeLessThanOrEqualTo(1);
            assertThat(Mono.from(messages.countDocuments(deleted)).block()).isBetween(0L, 1L);
            assertThat(uids(Filters.and(Filters.eq("mailbox", "m"), Filters.gte("uid", 1)))).hasSizeBetween(MESSAGES,
                    MESSAGES + 1);
        }
        reading.set(false);
        writer.get(30, TimeUnit.SECONDS);
    }

    /** Adds and removes {@code \Flagged} and raises the MODSEQ, message after message, until reading stops. */
    private Void toggleFlagged() {
        while (reading.get()) {
            int uid = ThreadLocalRandom.current().nextInt(1, MESSAGES + 1);
            Bson message = Filters.and(Filters.eq("mailbox", "m"), Filters.eq("uid", uid));
            Bson flag = ThreadLocalRandom.current().nextBoolean() ? Updates.addToSet("flags", "\\Flagged")
                    : Updates.pull("flags", "\\Flagged");
            Mono.from(messages.updateOne(message, Updates.combine(flag, Updates.inc("modseq", 1L)))).block();
        }
        return null;
    }

    private List<Integer> uids(Bson filter) {
        return Flux.from(messages.find(filter).sort(Sorts.ascending("uid"))).map(message -> message.getInteger("uid"))
                .collectList().block();
    }

    private static List<Integer> evenUids() {
        List<Integer> even = new ArrayList<>();
        for (int uid = 2; uid <= MESSAGES; uid += 2) {
            even.add(uid);
        }
        return even;
    }
}
