package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;

import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Flux;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KillAcrossCheckpointsTest {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 3_000;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedInsertUpdateAndDeleteOfFourWritersIsThereAfterAKillDashNineWithItsIndexAgreeing()
            throws Exception {
        Process child = ChildJvm.start(AcknowledgedChanges.class, dataDir);
        Set<Integer> inserted = new HashSet<>();
        Set<Integer> deleted = new HashSet<>();
        Map<Integer, Integer> updates = new HashMap<>();
        int acknowledged = 0;
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            // read on to the end after the kill: every line the child printed was acknowledged before it
            while ((line = output.readLine()) != null) {
                String change = line.length() > 4 ? line.substring(0, 4) : "";
                if (!List.of(AcknowledgedChanges.INSERTED, AcknowledgedChanges.UPDATED, AcknowledgedChanges.DELETED)
                        .contains(change)) {
                    continue; // the server's log lines
                }
                int id = Integer.parseInt(line.substring(4));
                switch (change) {
                    case AcknowledgedChanges.INSERTED -> inserted.add(id);
                    case AcknowledgedChanges.UPDATED -> updates.merge(id, 1, Integer::sum);
                    default -> deleted.add(id);
                }
                if (++acknowledged == ACKNOWLEDGED_BEFORE_KILL) {
                    // SIGKILL while the writers go on and checkpoints come every 20 ms; through the
                    // handle, since Process.destroyForcibly also closes the output still to be read
                    child.toHandle().destroyForcibly();
                }
            }
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acknowledged).isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
        // a writer's last step may have deleted the document ten before its last insert, unacknowledged
        Set<Integer> maybeDeleted = new HashSet<>();
        for (int writer = 0; writer < AcknowledgedChanges.WRITERS; writer++) {
            int first = writer * AcknowledgedChanges.ID_SPACE;
            inserted.stream().filter(id -> id >= first && id < first + AcknowledgedChanges.ID_SPACE)
                    .max(Integer::compare).ifPresent(last -> maybeDeleted.add(last - 10));
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoStore store = new MongoStore(server.connectionString())) {
            MongoCollection<Document> changes = store.database().getCollection("changes");
            Map<Integer, Document> stored = Flux.from(changes.find()).collectMap(d -> d.getInteger("_id")).block();
            for (int id : inserted) {
                if (deleted.contains(id)) {
                    assertThat(stored.containsKey(id)).as("deleted %d is gone", id).isFalse();
                } else if (!maybeDeleted.contains(id)) {
                    assertThat(stored.containsKey(id)).as("inserted %d is there", id).isTrue();
                }
            }
            updates.forEach((id, count) -> {
                if (stored.containsKey(id)) {
                    // each writer had at most one update in flight at the kill
                    assertThat(stored.get(id).getInteger("n")).as("updates of %d", id).isBetween(count, count + 1);
                }
            });
            for (int tag = 0; tag < AcknowledgedChanges.TAGS; tag++) {
                int wanted = tag;
                Set<Integer> scanned = stored.values().stream().filter(d -> d.getInteger("tag") == wanted)
                        .map(d -> d.getInteger("_id")).collect(Collectors.toSet());
                long visitedBefore = server.documentsVisited(MongoStore.DEFAULT_DATABASE, "changes");
                List<Integer> indexed = Flux.from(changes.find(Filters.eq("tag", tag)))
                        .map(d -> d.getInteger("_id")).collectList().block();
                assertThat(indexed).as("tag %d through its index", tag).hasSize(scanned.size())
                        .containsExactlyInAnyOrderElementsOf(scanned);
                // an entry left behind by a lost move would be read and dropped by the query's check
                assertThat(server.documentsVisited(MongoStore.DEFAULT_DATABASE, "changes") - visitedBefore)
                        .as("documents read for tag %d", tag).isEqualTo(scanned.size());
            }
        }
    }
}
