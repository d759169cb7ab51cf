package io.mallard.model.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.FlagOperation;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.message.NewMessage;
import io.mallard.model.message.StoreCluster;
import io.mallard.model.message.UidAllocator;
import reactor.core.publisher.Mono;

/**
 * {@link Journal#completeUpTo}: the HIGHESTMODSEQ a client may be told, such that a change that
 * commits later under a lower MODSEQ (two writers, out of order) is never hidden from a client that
 * resumes with CHANGEDSINCE that value (RFC 7162 3.1.4, 3.2).
 */
class ModseqWatermarkTest {

    private static final Duration LEASE = Duration.ofMillis(400);

    @TempDir
    Path dir;

    private StoreCluster cluster;
    private MailStorage storage;
    private MongoDatabase database;
    private Mailbox inbox;
    private Message first;
    private Message second;

    @BeforeEach
    void start() {
        cluster = new StoreCluster(dir);
        storage = cluster.storage(LEASE);
        database = cluster.instance().mongo().database();
        inbox = storage.mailboxes().createDefaults(cluster.user(0)).blockFirst();
        first = storage.messages().append(inbox.id(), message()).block();
        second = storage.messages().append(inbox.id(), message()).block();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aChangeCommittedOutOfOrderIsStillSeenByAClientResumingFromHighestModseq() {
        long before = storage.journal().completeUpTo(inbox.id()).block();
        long inFlight = new UidAllocator(database).modseq(inbox.id()).block();
        Message later = storage.flags().update(inbox.id(), List.of(second.uid()), FlagOperation.ADD, List.of("$Later"), -1)
                .blockFirst();
        assertThat(later.modseq()).isGreaterThan(inFlight);

        long told = storage.listing().counts(inbox.id()).block().highestModseq();
        assertThat(told).isEqualTo(before).isLessThan(inFlight);

        writeFlagsDirectly(first, inFlight, "$Slow");

        assertThat(storage.listing().changedSince(inbox.id(), told).map(Message::uid).collectList().block())
                .containsExactly(first.uid(), second.uid());
        assertThat(storage.journal().completeUpTo(inbox.id()).block()).isEqualTo(later.modseq());
    }

    @Test
    void aModseqWhoseWriterDiedIsFencedAfterTheLeaseAndItsLateChangeMovesAboveTheWatermark() throws Exception {
        long crashed = new UidAllocator(database).modseq(inbox.id()).block();
        Message later = storage.flags().update(inbox.id(), List.of(second.uid()), FlagOperation.ADD, List.of("$Later"), -1)
                .blockFirst();

        long started = System.nanoTime();
        long complete = 0;
        while (complete < later.modseq()) {
            complete = storage.journal().completeUpTo(inbox.id()).block();
            Thread.sleep(20);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LEASE.multipliedBy(4));

        // The writer wakes up: its journal entry is refused, so the change takes a fresh MODSEQ.
        ChangeEvent late = storage.journal().claim(ChangeEvent.flags(inbox.user(), inbox.id(), first.uid(), crashed, List.of()),
                new UidAllocator(database).modseq(inbox.id()), fresh -> Mono.empty()).block();
        assertThat(late.modseq()).isGreaterThan(complete);
    }

    @Test
    void writersKeepTheWatermarkUpWhenNobodyReadsSoExpiredEntriesAreNotTakenForGaps() throws InterruptedException {
        storage.flags().update(inbox.id(), List.of(first.uid()), FlagOperation.ADD, List.of(Message.SEEN), -1).blockLast();
        storage.messages().delete(inbox.id(), second.uid()).block();
        long counter = mailbox().getLong("modifyIndex");

        // Nobody reads: the writers' own walk, a second after their writes, moves the watermark.
        for (int wait = 0; wait < 100 && ((Number) mailbox().get("visibleModseq")).longValue() < counter; wait++) {
            Thread.sleep(50);
        }
        assertThat(((Number) mailbox().get("visibleModseq")).longValue()).isEqualTo(counter);
        // As if the TTL index had removed every entry: nothing is left to fence.
        Mono.from(database.getCollection("journal").deleteMany(Filters.eq("mailbox", inbox.id()))).block();
        assertThat(storage.journal().completeUpTo(inbox.id()).block()).isEqualTo(counter);
    }

    @Test
    void aModseqGivenUpByItsWriterHoldsNothingBack() {
        long abandoned = new UidAllocator(database).modseq(inbox.id()).block();
        storage.journal().abandon(inbox.id(), abandoned).block();

        assertThat(storage.journal().completeUpTo(inbox.id()).block()).isEqualTo(abandoned);
        assertThat(storage.journal().since(inbox.id(), abandoned - 1).collectList().block()).isEmpty();
        assertThat(storage.journal().between(inbox.id(), abandoned - 1, abandoned).map(ChangeEvent::command)
                .collectList().block()).containsExactly(ChangeCommand.NONE);
    }

    private Document mailbox() {
        return Mono.from(database.getCollection("mailboxes").find(Filters.eq("_id", inbox.id())).first()).block();
    }

    /** What a slow writer does: the document first, then its journal entry. */
    private void writeFlagsDirectly(Message message, long modseq, String flag) {
        Mono.from(database.getCollection("messages").updateOne(Filters.eq("_id", message.id()),
                Updates.combine(Updates.set("flags", List.of(flag)), Updates.set("modseq", modseq)))).block();
        storage.journal().record(ChangeEvent.flags(message.user(), inbox.id(), message.uid(), modseq, List.of(flag))).block();
    }

    private static NewMessage message() {
        return new NewMessage(10, Instant.now(), List.of(), null, null, List.of(), "modseq", new Document());
    }
}
