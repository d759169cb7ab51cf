package io.mallard.model.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.mailbox.Mailbox;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The embedded store's {@code $inc} can hand one MODSEQ to two writers. These tests plant the
 * other writer's journal entry first and check that the change moves to a MODSEQ of its own.
 */
class RepeatedModseqTest {

    @TempDir
    Path dir;

    private StoreCluster cluster;
    private MailStorage storage;
    private MongoDatabase database;
    private Mailbox inbox;

    @BeforeEach
    void start() {
        cluster = new StoreCluster(dir);
        storage = cluster.storage(Duration.ofSeconds(1));
        database = cluster.instance().mongo().database();
        inbox = storage.mailboxes().createDefaults(cluster.user(0)).blockFirst();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aFlagChangeHandedATakenModseqMovesToAFreshOne() {
        Message stored = storage.messages().append(inbox.id(), message()).block();
        plantJournalEntry(stored.modseq() + 1);

        Message changed = storage.flags().update(inbox.id(), List.of(stored.uid()), FlagOperation.ADD,
                List.of(Message.SEEN), -1).blockFirst();

        assertThat(changed.modseq()).isEqualTo(stored.modseq() + 2);
        assertThat(storage.listing().range(inbox.id(), 1, 1).blockFirst().modseq()).isEqualTo(changed.modseq());
        assertThat(journalModseqs()).containsExactly(stored.modseq(), stored.modseq() + 1, stored.modseq() + 2);
    }

    @Test
    void anAppendHandedATakenModseqKeepsItsUidAndMovesToAFreshModseq() {
        // MODSEQ 1 is the mailbox's creation, so the first append is handed 2.
        plantJournalEntry(2);

        Message stored = storage.messages().append(inbox.id(), message()).block();

        assertThat(stored.uid()).isEqualTo(1);
        assertThat(stored.modseq()).isEqualTo(3);
        assertThat(storage.listing().changedSince(inbox.id(), 2).map(Message::uid).collectList().block()).containsExactly(1L);
        assertThat(journalModseqs()).containsExactly(2L, 3L);
    }

    @Test
    void anExpungeHandedATakenModseqMovesToAFreshOne() {
        Message stored = storage.messages().append(inbox.id(), message()).block();
        plantJournalEntry(stored.modseq() + 1);

        storage.messages().delete(inbox.id(), stored.uid()).block();

        assertThat(journalModseqs()).containsExactly(stored.modseq(), stored.modseq() + 1, stored.modseq() + 2);
        assertThat(storage.expunged().since(inbox.id(), stored.modseq() + 1).block().uids()).containsExactly(stored.uid());
    }

    private void plantJournalEntry(long modseq) {
        Mono.from(database.getCollection("journal").insertOne(new Document("user", inbox.user()).append("mailbox", inbox.id())
                .append("command", "FLAGS").append("uid", 99L).append("modseq", modseq).append("flags", List.of())
                .append("created", new Date()).append("expiresAt", new Date()))).block();
    }

    private List<Long> journalModseqs() {
        return Flux.from(database.getCollection("journal").find(Filters.eq("mailbox", inbox.id())).sort(Sorts.ascending("modseq")))
                .map(d -> ((Number) d.get("modseq")).longValue()).collectList().block();
    }

    private static NewMessage message() {
        return new NewMessage(10, Instant.now(), List.of(), null, null, List.of(), "modseq", new Document());
    }
}
