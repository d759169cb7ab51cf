package io.mallard.model.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.mailbox.Mailbox;
import reactor.core.publisher.Flux;

class ConcurrentAppendVisibilityTest {

    private static final int APPENDS = 1_000;
    private static final int WRITERS = 8;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentAppendsFromTwoInstancesGetDistinctUidsAndObserversNeverSeeALowerUidAppearLater() throws Exception {
        try (StoreCluster cluster = new StoreCluster(dir)) {
            List<MailStorage> instances = List.of(cluster.storage(Duration.ofMillis(500)), cluster.storage(Duration.ofMillis(500)));
            ObjectId user = cluster.user(0);
            Mailbox inbox = instances.get(0).mailboxes().createDefaults(user).blockFirst();

            AtomicBoolean writing = new AtomicBoolean(true);
            List<String> violations = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
            List<Future<Integer>> observers = new ArrayList<>();
            for (int o = 0; o < 2; o++) {
                MailStorage observer = instances.get(o);
                observers.add(pool.submit(() -> observe(observer, inbox.id(), writing, violations)));
            }
            Set<Long> assigned = ConcurrentHashMap.newKeySet();
            long started = System.nanoTime();
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                MailStorage writer = instances.get(w % 2);
                int from = w * (APPENDS / WRITERS);
                writers.add(pool.submit(() -> {
                    for (int i = from; i < from + APPENDS / WRITERS; i++) {
                        assigned.add(writer.messages().append(inbox.id(), message(i)).block().uid());
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long settleStarted = System.nanoTime();
            long visible = 0;
            while (visible < maxOf(assigned)) {
                visible = instances.get(0).messages().visibleUpTo(inbox.id()).block();
            }
            double settle = (System.nanoTime() - settleStarted) / 1e9;
            writing.set(false);
            int growths = observers.get(0).get() + observers.get(1).get();
            pool.shutdown();

            long stored = Flux.from(cluster.instance().mongo().database().getCollection("messages")
                    .find(new Document("mailbox", inbox.id()).append("abandoned", new Document("$ne", true))))
                    .map(d -> d.get("uid")).distinct().count().block();
            long uidNext = instances.get(0).mailboxes().byId(inbox.id()).block().uidNext();
            System.out.printf("%d appends in %.2f s (%.0f/s), all visible %.2f s later, %d observer polls saw new mail, "
                    + "highest UID %d, UIDs lost to duplicate allocations or fencing %d%n",
                    APPENDS, seconds, APPENDS / seconds, settle, growths, maxOf(assigned), uidNext - 1 - APPENDS);
            assertThat(assigned).hasSize(APPENDS);
            assertThat(stored).isEqualTo(APPENDS);
            assertThat(instances.get(1).listing().range(inbox.id(), 1, Long.MAX_VALUE).count().block()).isEqualTo(APPENDS);
            assertThat(violations).isEmpty();
            assertThat(growths).as("observers saw mail arrive while it was being written").isGreaterThan(10);
        }
    }

    /**
     * Polls like an IDLE session; records any UID that shows up below one already reported and
     * returns how many polls saw new messages.
     */
    private static int observe(MailStorage storage, ObjectId mailbox, AtomicBoolean writing, List<String> violations) {
        TreeSet<Long> seen = new TreeSet<>();
        int growths = 0;
        while (writing.get()) {
            List<Long> now = storage.listing().range(mailbox, 1, Long.MAX_VALUE).map(Message::uid).collectList().block();
            long highest = seen.isEmpty() ? 0 : seen.last();
            for (Long uid : now) {
                if (!seen.contains(uid) && uid < highest) {
                    violations.add("UID " + uid + " appeared after " + highest);
                }
            }
            if (!now.containsAll(seen)) {
                violations.add("a seen UID disappeared");
            }
            if (seen.addAll(now)) {
                growths++;
            }
        }
        return growths;
    }

    private static long maxOf(Set<Long> uids) {
        return uids.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    static NewMessage message(int i) {
        return new NewMessage(100, Instant.now(), List.of(), "<m" + i + "@test>", null, List.of(), "Message " + i,
                new Document("text", "body " + i));
    }
}
