package io.mallard.model.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.mailbox.MailboxException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class MessageStoreTest {

    @TempDir
    Path dir;

    private StoreCluster cluster;
    private MailStorage storage;
    private ObjectId user;
    private Mailbox inbox;
    private Mailbox archive;

    @BeforeEach
    void start() {
        cluster = new StoreCluster(dir);
        storage = cluster.storage(Duration.ofSeconds(1));
        user = cluster.user(0);
        storage.mailboxes().createDefaults(user).blockLast();
        inbox = storage.mailboxes().get(user, "INBOX").block();
        archive = storage.mailboxes().get(user, "Archive").block();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void appendsGetAscendingUidsAndModseqsAndKeepTheirContent() {
        Message first = append(inbox, "one", List.of());
        Message second = append(inbox, "two", List.of(Message.SEEN));

        assertThat(first.uid()).isEqualTo(1);
        assertThat(second.uid()).isEqualTo(2);
        assertThat(second.modseq()).isGreaterThan(first.modseq());
        Message read = storage.listing().range(inbox.id(), 2, 2).blockFirst();
        assertThat(read.subject()).isEqualTo("two");
        assertThat(read.flags()).containsExactly(Message.SEEN);
        assertThat(read.content().getString("text")).isEqualTo("body of two");
        assertThat(read.thread()).isNotNull();
    }

    @Test
    void countsReportExistsUnseenAndAUidNextBoundedByTheWatermark() {
        append(inbox, "one", List.of(Message.SEEN));
        append(inbox, "two", List.of());
        append(inbox, "three", List.of());

        MailboxCounts counts = storage.listing().counts(inbox.id()).block();

        assertThat(counts.exists()).isEqualTo(3);
        assertThat(counts.unseen()).isEqualTo(2);
        assertThat(counts.uidNext()).isEqualTo(4);
        assertThat(counts.uidValidity()).isEqualTo(inbox.uidValidity());
        // The creation is MODSEQ 1, each append one more.
        assertThat(counts.highestModseq()).isEqualTo(4);
    }

    @Test
    void flagUpdatesBumpModseqOnlyForMessagesThatChange() {
        Message one = append(inbox, "one", List.of(Message.SEEN));
        Message two = append(inbox, "two", List.of());

        List<Message> changed = storage.flags().update(inbox.id(), List.of(one.uid(), two.uid()), FlagOperation.ADD,
                List.of(Message.SEEN), -1).collectList().block();

        assertThat(changed).extracting(Message::uid).containsExactly(two.uid());
        assertThat(changed.get(0).modseq()).isGreaterThan(two.modseq());
        assertThat(storage.listing().changedSince(inbox.id(), two.modseq()).map(Message::uid).collectList().block())
                .containsExactly(two.uid());
        storage.flags().update(inbox.id(), List.of(one.uid()), FlagOperation.SET, List.of("$Important"), -1).blockLast();
        storage.flags().update(inbox.id(), List.of(two.uid()), FlagOperation.REMOVE, List.of(Message.SEEN), -1).blockLast();
        assertThat(storage.listing().range(inbox.id(), 1, 2).map(Message::flags).collectList().block())
                .containsExactly(List.of("$Important"), List.of());
    }

    @Test
    void unchangedSinceLeavesMessagesModifiedLaterAlone() {
        Message one = append(inbox, "one", List.of());
        storage.flags().update(inbox.id(), List.of(one.uid()), FlagOperation.ADD, List.of("$Later"), -1).blockLast();

        List<Message> changed = storage.flags().update(inbox.id(), List.of(one.uid()), FlagOperation.ADD,
                List.of(Message.SEEN), one.modseq()).collectList().block();

        assertThat(changed).isEmpty();
        assertThat(storage.listing().range(inbox.id(), 1, 1).blockFirst().flags()).containsExactly("$Later");
    }

    @Test
    void expungeRemovesOnlyDeletedMessagesAndTheirUidsAreNeverReused() {
        Message one = append(inbox, "one", List.of(Message.DELETED));
        Message two = append(inbox, "two", List.of());

        assertThat(storage.messages().expunge(inbox.id()).collectList().block()).containsExactly(one.uid());
        Message three = append(inbox, "three", List.of());

        assertThat(storage.listing().range(inbox.id(), 1, Long.MAX_VALUE).map(Message::uid).collectList().block())
                .containsExactly(two.uid(), three.uid());
        assertThat(three.uid()).isEqualTo(3);
    }

    @Test
    void moveGivesANewUidInTheTargetAndRemovesFromTheSource() {
        append(inbox, "one", List.of());
        Message two = append(inbox, "two", List.of(Message.SEEN));
        append(archive, "already archived", List.of());

        List<Transfer> moved = storage.messages().move(inbox.id(), List.of(two.uid()), archive.id()).collectList().block();

        assertThat(moved).hasSize(1);
        assertThat(moved.get(0).sourceUid()).isEqualTo(two.uid());
        assertThat(moved.get(0).target().uid()).isEqualTo(2);
        assertThat(moved.get(0).target().id()).isEqualTo(two.id());
        assertThat(storage.listing().range(inbox.id(), 1, Long.MAX_VALUE).map(Message::subject).collectList().block())
                .containsExactly("one");
        assertThat(storage.listing().range(archive.id(), 1, Long.MAX_VALUE).map(Message::subject).collectList().block())
                .containsExactly("already archived", "two");
        assertThat(storage.listing().range(archive.id(), 2, 2).blockFirst().flags()).containsExactly(Message.SEEN);
    }

    @Test
    void copyLeavesTheSourceAndCreatesAnIndependentMessage() {
        Message one = append(inbox, "one", List.of());

        Transfer copied = storage.messages().copy(inbox.id(), List.of(one.uid()), archive.id()).blockFirst();
        storage.flags().update(archive.id(), List.of(copied.target().uid()), FlagOperation.ADD, List.of(Message.SEEN), -1).blockLast();

        assertThat(copied.target().id()).isNotEqualTo(one.id());
        assertThat(storage.listing().range(inbox.id(), 1, 1).blockFirst().flags()).isEmpty();
        assertThat(storage.listing().range(archive.id(), 1, 1).blockFirst().flags()).containsExactly(Message.SEEN);
    }

    @Test
    void deletingAMailboxRemovesItsMessagesAndReleasesTheirStorage() {
        Mailbox work = storage.mailboxes().create(user, "Work", null).block();
        append(work, "one", List.of());
        append(inbox, "kept", List.of());

        storage.messages().deleteMailbox(user, "Work").block();

        assertThat(storage.quota().used(user).block()).isEqualTo(storage.quota().measure(user).block()).isEqualTo(100);
        assertThatThrownBy(() -> storage.messages().append(work.id(), message("late", List.of())).block())
                .isInstanceOf(MailboxException.class);
        assertThat(storage.quota().used(user).block()).isEqualTo(100);
    }

    @Test
    void twoInstancesMovingOneMessageAtOnceLeaveItInExactlyOnePlace() {
        MailStorage other = cluster.storage(Duration.ofSeconds(1));
        Mailbox trash = storage.mailboxes().get(user, "Trash").block();
        for (int round = 0; round < 20; round++) {
            Message message = append(inbox, "contested " + round, List.of());

            List<Transfer> winners = Flux.merge(
                            storage.messages().move(inbox.id(), List.of(message.uid()), archive.id()),
                            other.messages().move(inbox.id(), List.of(message.uid()), trash.id()),
                            other.messages().delete(inbox.id(), message.uid()).then(Mono.<Transfer>empty()))
                    .collectList().block();

            long copies = Stream.of(inbox, archive, trash)
                    .mapToLong(m -> storage.listing().range(m.id(), 1, Long.MAX_VALUE)
                            .filter(found -> found.id().equals(message.id())).count().block())
                    .sum();
            assertThat(winners.size()).isLessThanOrEqualTo(1);
            assertThat(copies).isEqualTo(winners.size());
        }
        assertThat(storage.quota().used(user).block()).isEqualTo(storage.quota().measure(user).block());
    }

    private Message append(Mailbox mailbox, String subject, List<String> flags) {
        return storage.messages().append(mailbox.id(), message(subject, flags)).block();
    }

    private static NewMessage message(String subject, List<String> flags) {
        return new NewMessage(100, Instant.now(), flags, "<" + subject.replace(' ', '.') + "@test>", null, List.of(),
                subject, new Document("text", "body of " + subject));
    }
}
