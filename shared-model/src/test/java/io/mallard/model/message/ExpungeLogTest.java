package io.mallard.model.message;

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

import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.store.Stores;

/** The record of expunged UIDs behind RFC 7162 VANISHED (EARLIER), and its bounded retention. */
class ExpungeLogTest {

    @TempDir
    Path dir;

    private StoreCluster cluster;
    private MailStorage storage;
    private Mailbox inbox;
    private Mailbox archive;

    @BeforeEach
    void start() {
        cluster = new StoreCluster(dir);
        storage = cluster.storage(Duration.ofSeconds(1));
        List<Mailbox> mailboxes = storage.mailboxes().createDefaults(cluster.user(0)).collectList().block();
        inbox = mailboxes.get(0);
        archive = mailboxes.get(5);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void expungeDeleteAndMoveEachRecordTheUidWithTheModseqOfTheirRemoval() {
        Message one = append(List.of(Message.DELETED));
        Message two = append(List.of());
        Message three = append(List.of());
        long before = storage.journal().completeUpTo(inbox.id()).block();

        storage.messages().expunge(inbox.id()).blockLast();
        long afterExpunge = storage.journal().completeUpTo(inbox.id()).block();
        storage.messages().move(inbox.id(), List.of(two.uid()), archive.id()).blockLast();
        storage.messages().delete(inbox.id(), three.uid()).block();

        assertThat(storage.expunged().since(inbox.id(), before).block())
                .isEqualTo(new ExpungeLog.Vanished(true, List.of(one.uid(), two.uid(), three.uid())));
        assertThat(storage.expunged().since(inbox.id(), afterExpunge).block().uids()).containsExactly(two.uid(), three.uid());
        assertThat(storage.expunged().since(inbox.id(), storage.journal().completeUpTo(inbox.id()).block()).block().uids())
                .isEmpty();
        assertThat(storage.expunged().since(archive.id(), 0).block().uids()).isEmpty();
    }

    @Test
    void recordsPastTheRetentionArePrunedHourlyAndAskingFromBelowThemSaysTheLogIsIncomplete() {
        Message one = append(List.of());
        Message two = append(List.of());
        long before = storage.journal().completeUpTo(inbox.id()).block();
        Stores stores = cluster.instance();
        MailStorage forgetful = MailStorage.over(stores, Duration.ofSeconds(1), Duration.ZERO, ContentReferences.NONE);

        forgetful.messages().delete(inbox.id(), one.uid()).block();
        long pruned = storage.journal().completeUpTo(inbox.id()).block();

        assertThat(storage.expunged().since(inbox.id(), before).block().complete()).isFalse();
        assertThat(storage.expunged().since(inbox.id(), pruned).block()).isEqualTo(new ExpungeLog.Vanished(true, List.of()));
        // Pruned at most once an hour per mailbox: the next delete keeps its record for now.
        forgetful.messages().delete(inbox.id(), two.uid()).block();
        assertThat(storage.expunged().since(inbox.id(), pruned).block()).isEqualTo(new ExpungeLog.Vanished(true, List.of(two.uid())));
    }

    private Message append(List<String> flags) {
        return storage.messages().append(inbox.id(),
                new NewMessage(10, Instant.now(), flags, null, null, List.of(), "gone", new Document())).block();
    }
}
