package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;

import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Mono;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentWritesTest {

    private static final int THREADS = 8;

    @TempDir
    Path dataDir;

    private EmbeddedMongoServer server;
    private MongoStore store;
    private ExecutorService threads;

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.start(dataDir);
        store = new MongoStore(server.connectionString());
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        store.close();
        server.close();
    }

    @Test
    void concurrentIncrementsEachReturnADistinctValue() throws Exception {
        MongoCollection<Document> mailboxes = store.database().getCollection("mailboxes");
        Mono.from(mailboxes.insertOne(new Document("_id", "m").append("uidNext", 0))).block();

        Set<Integer> returned = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        runConcurrently(() -> {
            for (int i = 0; i < 125; i++) {
                Document after = Mono.from(mailboxes.findOneAndUpdate(new Document("_id", "m"),
                        Updates.inc("uidNext", 1),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))).block();
                returned.add(after.getInteger("uidNext"));
                calls.incrementAndGet();
            }
            return null;
        });

        assertThat(calls.get()).isEqualTo(1000);
        assertThat(returned).hasSize(1000);
        assertThat(returned).allMatch(value -> value >= 1 && value <= 1000);
    }

    @Test
    void concurrentInsertsOfTheSameUniqueKeyStoreExactlyOne() throws Exception {
        MongoCollection<Document> messages = store.database().getCollection("messages");
        Mono.from(messages.createIndex(Indexes.ascending("mailbox", "uid"), new IndexOptions().unique(true))).block();

        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        runConcurrently(() -> {
            for (int uid = 1; uid <= 50; uid++) {
                try {
                    Mono.from(messages.insertOne(new Document("mailbox", "m").append("uid", uid))).block();
                    accepted.incrementAndGet();
                } catch (MongoWriteException e) {
                    assertThat(e.getCode()).isEqualTo(11000);
                    rejected.incrementAndGet();
                }
            }
            return null;
        });

        assertThat(accepted.get()).isEqualTo(50);
        assertThat(rejected.get()).isEqualTo(50 * (THREADS - 1));
        assertThat(Mono.from(messages.countDocuments()).block()).isEqualTo(50L);
    }

    private void runConcurrently(Callable<Void> task) throws Exception {
        List<Future<Void>> running = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            running.add(threads.submit(task));
        }
        for (Future<Void> future : running) {
            future.get(50, TimeUnit.SECONDS);
        }
    }
}
