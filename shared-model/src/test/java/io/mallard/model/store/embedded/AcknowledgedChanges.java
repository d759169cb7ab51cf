package io.mallard.model.store.embedded;

import java.nio.file.Path;
import java.time.Duration;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;

import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Mono;

/**
 * Run in a child JVM by {@link KillAcrossCheckpointsTest}: {@link #WRITERS} threads insert,
 * update and delete documents of an indexed collection in the embedded store in {@code args[0]},
 * which checkpoints its write-ahead log every few milliseconds, and print each change once the
 * server has acknowledged it, until killed.
 */
public final class AcknowledgedChanges {

    static final int WRITERS = 4;
    /** Each writer's ids start at its number times this. */
    static final int ID_SPACE = 1_000_000;
    static final int TAGS = 5;
    static final String INSERTED = "INS ";
    static final String UPDATED = "UPD ";
    static final String DELETED = "DEL ";

    private AcknowledgedChanges() {
    }

    public static void main(String[] args) {
        EmbeddedMongoServer server = EmbeddedMongoServer.start(Path.of(args[0]), Duration.ofMillis(20));
        MongoStore store = MongoStore.embedded(server.connectionString());
        MongoCollection<Document> changes = store.database().getCollection("changes");
        Mono.from(changes.createIndex(Indexes.ascending("tag"))).block();
        for (int writer = 0; writer < WRITERS; writer++) {
            int first = writer * ID_SPACE;
            Thread thread = new Thread(() -> write(changes, first));
            thread.start();
        }
    }

    /** Inserts {@code first + i}, moves {@code first + i / 2} to another tag, deletes {@code first + i - 10} every third step. */
    private static void write(MongoCollection<Document> changes, int first) {
        for (int i = 0; ; i++) {
            int id = first + i;
            Mono.from(changes.insertOne(new Document("_id", id).append("n", 0).append("tag", i % TAGS))).block();
            acknowledge(INSERTED, id);
            int updated = first + i / 2;
            Mono.from(changes.updateOne(Filters.eq("_id", updated),
                    Updates.combine(Updates.inc("n", 1), Updates.set("tag", (i + 1) % TAGS)))).block();
            acknowledge(UPDATED, updated);
            if (i >= 10 && i % 3 == 0) {
                int deleted = id - 10;
                Mono.from(changes.deleteOne(Filters.eq("_id", deleted))).block();
                acknowledge(DELETED, deleted);
            }
        }
    }

    private static void acknowledge(String change, int id) {
        synchronized (System.out) {
            System.out.println(change + id);
            System.out.flush();
        }
    }
}
