package io.mallard.model.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.mailbox.DuplicateKey;
import io.mallard.model.mailbox.Mailbox;
import reactor.core.publisher.Mono;

class CommitWatermarkTest {

    private static final Duration LEASE = Duration.ofMillis(400);

    @TempDir
    Path dir;

    private StoreCluster cluster;
    private MailStorage storage;
    private MongoDatabase database;
    private Mailbox inbox;

    @BeforeEach
    void start() {
        cluster = new StoreCluster(dir);
        storage = cluster.storage(LEASE);
        database = cluster.instance().mongo().database();
        ObjectId user = cluster.user(0);
        inbox = storage.mailboxes().createDefaults(user).blockFirst();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aUidStillBeingWrittenHoldsBackHigherUidsUntilItIsCommitted() {
        UidAllocator.Allocation inFlight = new UidAllocator(database).allocate(inbox.id()).block();
        append("later");

        assertThat(storage.messages().visibleUpTo(inbox.id()).block()).isZero();
        assertThat(storage.listing().range(inbox.id(), 1, Long.MAX_VALUE).collectList().block()).isEmpty();
        assertThat(storage.listing().counts(inbox.id()).block().uidNext()).isEqualTo(1);

        writeDirectly(inFlight.uid()).block();

        assertThat(storage.messages().visibleUpTo(inbox.id()).block()).isEqualTo(2);
        assertThat(storage.listing().range(inbox.id(), 1, Long.MAX_VALUE).map(Message::uid).collectList().block())
                .containsExactly(1L, 2L);
    }

    @Test
    void aUidWhoseWriterDiedIsGivenUpAfterTheLeaseAndItsLateWriteIsRefused() throws InterruptedException {
        UidAllocator.Allocation crashed = new UidAllocator(database).allocate(inbox.id()).block();
        append("later");

        long started = System.nanoTime();
        long visible = 0;
        while (visible < 2) {
            visible = storage.messages().visibleUpTo(inbox.id()).block();
            Thread.sleep(20);
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(waited).isLessThan(LEASE.multipliedBy(3));
        assertThatThrownBy(() -> writeDirectly(crashed.uid()).block()).matches(DuplicateKey::is);
        assertThat(storage.listing().range(inbox.id(), 1, Long.MAX_VALUE).map(Message::subject).collectList().block())
                .containsExactly("later");
        assertThat(storage.listing().counts(inbox.id()).block().exists()).isEqualTo(1);
    }

    @Test
    void expungingAMessageNoSessionHasSeenYetDoesNotHoldBackLaterOnes() {
        Message first = storage.messages().append(inbox.id(), message("first", List.of(Message.DELETED))).block();
        storage.messages().expunge(inbox.id()).blockLast();
        append("second");

        assertThat(storage.messages().visibleUpTo(inbox.id()).block()).isEqualTo(first.uid() + 1);
    }

    private void append(String subject) {
        storage.messages().append(inbox.id(), message(subject, List.of())).block();
    }

    private Mono<Void> writeDirectly(long uid) {
        return Mono.from(database.getCollection("messages").insertOne(new Document("mailbox", inbox.id()).append("uid", uid)
                .append("user", inbox.user()).append("modseq", uid).append("flags", List.of())
                .append("idate", new java.util.Date()).append("size", 1L).append("subject", "slow"))).then();
    }

    private static NewMessage message(String subject, List<String> flags) {
        return new NewMessage(10, Instant.now(), flags, null, null, List.of(), subject, new Document());
    }
}
