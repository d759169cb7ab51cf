package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KillAfterAcknowledgementTest {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

    @TempDir
    Path dataDir;

    @Test
    void everyWriteAcknowledgedBeforeAKillDashNineIsThereAfterARestartWithTheUnjournaledOnesBeforeIt() throws Exception {
        Process child = ChildJvm.start(AcknowledgedInserts.class, dataDir);
        List<Integer> acknowledged = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && (line = output.readLine()) != null) {
                if (line.startsWith(AcknowledgedInserts.ACKNOWLEDGED)) {
                    acknowledged.add(Integer.parseInt(line.substring(AcknowledgedInserts.ACKNOWLEDGED.length())));
                }
            }
            // SIGKILL while the child keeps inserting: no shutdown hook, no MVStore close
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acknowledged).hasSize(ACKNOWLEDGED_BEFORE_KILL);

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoStore store = new MongoStore(server.connectionString())) {
            assertThat(ids(store, "acknowledged")).containsAll(acknowledged);
            assertThat(ids(store, "followed")).containsAll(acknowledged);
        }
    }

    private static Set<Integer> ids(MongoStore store, String collection) {
        Set<Integer> ids = new HashSet<>();
        Flux.from(store.database().getCollection(collection).find())
                .map(document -> document.getInteger("_id"))
                .doOnNext(ids::add)
                .blockLast();
        return ids;
    }

    @Test
    void aDurableInsertCostsAFewHundredMicroseconds() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoStore store = new MongoStore(server.connectionString())) {
            var collection = store.database().getCollection("timed");
            for (int id = 0; id < 200; id++) { // warm-up
                Mono.from(collection.insertOne(new Document("_id", -id - 1))).block();
            }
            int inserts = 1_000;
            long started = System.nanoTime();
            for (int id = 0; id < inserts; id++) {
                Mono.from(collection.insertOne(new Document("_id", id).append("body", "x".repeat(200)))).block();
            }
            long microsPerInsert = (System.nanoTime() - started) / 1_000 / inserts;
            System.out.printf("durable insert: %d µs each; file now %d KiB%n", microsPerInsert,
                    dataDir.resolve("mongo.mv").toFile().length() / 1024);
            assertThat(microsPerInsert).isLessThan(20_000);
        }
    }
}
