package io.mallard.model.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.FlagOperation;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.message.NewMessage;
import io.mallard.model.message.StoreCluster;
import io.mallard.model.store.Stores;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class QuotaLedgerTest {

    @TempDir
    Path dir;

    private StoreCluster cluster;
    private Stores stores;
    private MailStorage storage;

    @BeforeEach
    void start() {
        cluster = new StoreCluster(dir);
        storage = cluster.storage(Duration.ofMillis(500));
        stores = cluster.instance();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aStoreThatWouldExceedTheQuotaIsRefusedAndLeavesNoTrace() {
        ObjectId user = cluster.user(250);
        Mailbox inbox = storage.mailboxes().createDefaults(user).blockFirst();
        storage.messages().append(inbox.id(), message(100)).block();
        storage.messages().append(inbox.id(), message(100)).block();

        assertThatThrownBy(() -> storage.messages().append(inbox.id(), message(100)).block())
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.quota()).isEqualTo(250);
                    assertThat(e.requested()).isEqualTo(100);
                });

        assertThat(storage.quota().used(user).block()).isEqualTo(200);
        assertThat(storage.listing().counts(inbox.id()).block().exists()).isEqualTo(2);
        assertThat(storage.mailboxes().byId(inbox.id()).block().uidNext()).isEqualTo(3);
        assertThat(Mono.from(stores.mongo().database().getCollection("journal")
                .countDocuments(Filters.eq("mailbox", inbox.id()))).block()).isEqualTo(2);
        assertThat(storage.messages().append(inbox.id(), message(50)).block().uid()).isEqualTo(3);
    }

    @Test
    void concurrentStoresNeverTakeTheUserOverQuota() {
        ObjectId user = cluster.user(1_000);
        Mailbox inbox = storage.mailboxes().createDefaults(user).blockFirst();
        AtomicInteger refused = new AtomicInteger();

        Long stored = Flux.range(0, 40)
                .flatMap(i -> storage.messages().append(inbox.id(), message(100))
                        .onErrorResume(QuotaExceededException.class, e -> {
                            refused.incrementAndGet();
                            return Mono.empty();
                        }), 8)
                .count().block();

        assertThat(stored).isEqualTo(10);
        assertThat(refused).hasValue(30);
        assertThat(storage.quota().used(user).block()).isEqualTo(1_000).isEqualTo(storage.quota().measure(user).block());
    }

    @Test
    void storageUsedEqualsTheSumOfMessageSizesAfterARandomMixOfStoresDeletesMovesAndCopies() {
        ObjectId user = cluster.user(60_000);
        storage.mailboxes().createDefaults(user).blockLast();
        List<Mailbox> folders = List.of(storage.mailboxes().get(user, "INBOX").block(),
                storage.mailboxes().get(user, "Archive").block(), storage.mailboxes().get(user, "Trash").block());
        Random random = new Random(7);
        AtomicInteger refused = new AtomicInteger();

        Flux.range(0, 400)
                .map(i -> new int[] {random.nextInt(10), random.nextInt(3), random.nextInt(3), 1 + random.nextInt(3_000)})
                .flatMap(op -> step(folders.get(op[1]), folders.get(op[2]), op[0], op[3])
                        .onErrorResume(QuotaExceededException.class, e -> {
                            refused.incrementAndGet();
                            return Mono.empty();
                        }), 4)
                .blockLast();

        assertThat(refused.get()).isPositive();
        long measured = storage.quota().measure(user).block();
        assertThat(measured).isPositive();
        assertThat(storage.quota().used(user).block()).isEqualTo(measured);
    }

    @Test
    void recalculationRepairsALedgerThatDrifted() {
        ObjectId user = cluster.user(0);
        Mailbox inbox = storage.mailboxes().createDefaults(user).blockFirst();
        storage.messages().append(inbox.id(), message(300)).block();
        storage.messages().append(inbox.id(), message(200)).block();
        Mono.from(stores.mongo().database().getCollection("users")
                .updateOne(Filters.eq("_id", user), Updates.set("storageUsed", 12_345L))).block();

        assertThat(storage.quota().recalculate(user).block()).isEqualTo(500);
        assertThat(storage.quota().used(user).block()).isEqualTo(500);
    }

    @Test
    void aZeroQuotaMeansUnlimited() {
        ObjectId user = cluster.user(0);
        Mailbox inbox = storage.mailboxes().createDefaults(user).blockFirst();

        storage.messages().append(inbox.id(), message(50_000_000)).block();

        assertThat(storage.quota().used(user).block()).isEqualTo(50_000_000);
    }

    /** One random operation on a random message of the source folder. */
    private Mono<?> step(Mailbox source, Mailbox target, int kind, int size) {
        if (kind < 5) {
            return storage.messages().append(source.id(), message(size));
        }
        return storage.listing().range(source.id(), 1, Long.MAX_VALUE).next().flatMap(message -> switch (kind) {
            case 5 -> storage.messages().delete(source.id(), message.uid());
            case 6 -> storage.flags().update(source.id(), List.of(message.uid()), FlagOperation.ADD, List.of(Message.DELETED), -1)
                    .thenMany(storage.messages().expunge(source.id())).then();
            case 7 -> storage.messages().move(source.id(), List.of(message.uid()), target.id()).then();
            default -> storage.messages().copy(source.id(), List.of(message.uid()), target.id()).then();
        });
    }

    private static NewMessage message(long size) {
        return new NewMessage(size, Instant.now(), List.of(), null, null, List.of(), "quota", new Document());
    }
}
