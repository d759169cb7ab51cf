package io.mallard.model.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.FlagOperation;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.message.NewMessage;
import io.mallard.model.message.StoreCluster;
import io.mallard.model.store.Stores;
import reactor.core.publisher.Mono;

class ChangeNotifierTest {

    @TempDir
    Path dir;

    private StoreCluster cluster;
    private Stores listening;
    private ChangeNotifier notifier;
    private MailStorage writer;
    private ObjectId user;

    @BeforeEach
    void start() {
        cluster = new StoreCluster(dir);
        listening = cluster.instance();
        MailStorage.ensureIndexes(listening).block();
        notifier = new ChangeNotifier(listening.redis(), new Journal(listening.mongo().database(), listening.redis()));
        writer = cluster.storage(Duration.ofSeconds(1));
        user = cluster.user(0);
    }

    @AfterEach
    void stop() {
        notifier.close();
        cluster.close();
    }

    @Test
    void aSessionLearnsOfAnAppendAFlagChangeAndAnExpungeMadeByAnotherInstanceWithinOneSecond() throws Exception {
        Mailbox inbox = writer.mailboxes().createDefaults(user).blockFirst();
        BlockingQueue<ChangeEvent> events = listen(user);

        Message stored = writer.messages().append(inbox.id(), message()).block();
        ChangeEvent exists = events.poll(1, TimeUnit.SECONDS);
        assertThat(exists).isNotNull();
        assertThat(exists.command()).isEqualTo(ChangeCommand.EXISTS);
        assertThat(exists.uid()).isEqualTo(stored.uid());

        writer.flags().update(inbox.id(), List.of(stored.uid()), FlagOperation.ADD, List.of(Message.DELETED), -1).blockLast();
        ChangeEvent flags = events.poll(1, TimeUnit.SECONDS);
        assertThat(flags).isNotNull();
        assertThat(flags.command()).isEqualTo(ChangeCommand.FLAGS);
        assertThat(flags.flags()).containsExactly(Message.DELETED);
        assertThat(flags.modseq()).isGreaterThan(exists.modseq());

        writer.messages().expunge(inbox.id()).blockLast();
        ChangeEvent expunge = events.poll(1, TimeUnit.SECONDS);
        assertThat(expunge).isNotNull();
        assertThat(expunge.command()).isEqualTo(ChangeCommand.EXPUNGE);
        assertThat(expunge.uid()).isEqualTo(stored.uid());
        assertThat(expunge.modseq()).isGreaterThan(flags.modseq());
        assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void mailboxCreateRenameAndDeleteReachTheSession() throws Exception {
        BlockingQueue<ChangeEvent> events = listen(user);

        writer.mailboxes().create(user, "Projects", null).block();
        writer.mailboxes().rename(user, "Projects", "Work").blockLast();
        writer.messages().deleteMailbox(user, "Work").block();

        List<ChangeEvent> received = List.of(events.poll(1, TimeUnit.SECONDS), events.poll(1, TimeUnit.SECONDS),
                events.poll(1, TimeUnit.SECONDS));
        assertThat(received).extracting(ChangeEvent::command)
                .containsExactly(ChangeCommand.CREATE, ChangeCommand.RENAME, ChangeCommand.DELETE);
        assertThat(received).extracting(ChangeEvent::path).containsExactly("Projects", "Work", "Work");
    }

    @Test
    void aSessionHearsNothingOfAnotherUsersMailboxes() throws Exception {
        ObjectId other = cluster.user(0);
        Mailbox othersInbox = writer.mailboxes().createDefaults(other).blockFirst();
        BlockingQueue<ChangeEvent> events = listen(user);

        writer.messages().append(othersInbox.id(), message()).block();

        assertThat(events.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void twoSessionsOfOneUserBothReceiveEachChangeOnce() throws Exception {
        Mailbox inbox = writer.mailboxes().createDefaults(user).blockFirst();
        BlockingQueue<ChangeEvent> first = listen(user);
        BlockingQueue<ChangeEvent> second = listen(user);

        writer.messages().append(inbox.id(), message()).block();
        writer.messages().append(inbox.id(), message()).block();

        for (BlockingQueue<ChangeEvent> events : List.of(first, second)) {
            assertThat(events.poll(1, TimeUnit.SECONDS).uid()).isEqualTo(1);
            assertThat(events.poll(1, TimeUnit.SECONDS).uid()).isEqualTo(2);
            assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void anEntryWrittenAfterAHigherModseqWasDeliveredStillArrives() throws Exception {
        Mailbox inbox = writer.mailboxes().createDefaults(user).blockFirst();
        BlockingQueue<ChangeEvent> events = listen(user);

        writer.journal().record(ChangeEvent.exists(user, inbox.id(), 8, 8, List.of())).block();
        assertThat(events.poll(1, TimeUnit.SECONDS).uid()).isEqualTo(8);
        writer.journal().record(ChangeEvent.exists(user, inbox.id(), 7, 7, List.of())).block();
        writer.journal().record(ChangeEvent.exists(user, inbox.id(), 9, 9, List.of())).block();

        assertThat(events.poll(1, TimeUnit.SECONDS).uid()).isEqualTo(7);
        assertThat(events.poll(1, TimeUnit.SECONDS).uid()).isEqualTo(9);
        assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aListenerHearsOnlyTheMailboxItWatchesAndNoJournalIsReadForTheOthers() throws Exception {
        List<Mailbox> mailboxes = writer.mailboxes().createDefaults(user).collectList().block();
        Mailbox inbox = mailboxes.get(0);
        Mailbox sent = mailboxes.stream().filter(m -> "\\Sent".equals(m.specialUse())).findFirst().orElseThrow();
        AtomicReference<ObjectId> watched = new AtomicReference<>(inbox.id());
        BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();
        notifier.open(user, mailbox -> mailbox.equals(watched.get())).block().events().subscribe(events::add);
        writer.messages().append(inbox.id(), message()).block();
        assertThat(events.poll(1, TimeUnit.SECONDS).mailbox()).isEqualTo(inbox.id());
        Thread.sleep(1200); // the writer's own look at the journal, a second after each write, is done
        long before = cluster.documentsVisited(Journal.COLLECTION.name());

        writer.messages().append(sent.id(), message()).block();
        writer.messages().append(inbox.id(), message()).block();

        ChangeEvent second = events.poll(1, TimeUnit.SECONDS);
        assertThat(second.mailbox()).isEqualTo(inbox.id());
        assertThat(second.uid()).isEqualTo(2);
        // Sent's announcement read nothing, and INBOX's carried the change: nothing read either
        assertThat(cluster.documentsVisited(Journal.COLLECTION.name()) - before).isZero();

        watched.set(sent.id());
        writer.messages().append(sent.id(), message()).block();
        ChangeEvent sentNow = events.poll(1, TimeUnit.SECONDS);
        assertThat(sentNow.mailbox()).isEqualTo(sent.id());
        assertThat(sentNow.uid()).isEqualTo(2);
        assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aChangeWhoseAnnouncementWasLostArrivesWithTheNextOne() throws Exception {
        Mailbox inbox = writer.mailboxes().createDefaults(user).blockFirst();
        BlockingQueue<ChangeEvent> events = listen(user);
        writer.journal().record(ChangeEvent.exists(user, inbox.id(), 5, 5, List.of())).block();
        assertThat(events.poll(1, TimeUnit.SECONDS).uid()).isEqualTo(5);

        // written, its announcement never sent (Redis pub/sub is at most once)
        Mono.from(listening.mongo().database().getCollection(Journal.COLLECTION.name())
                .insertOne(ChangeEvent.flags(user, inbox.id(), 5, 6, List.of(Message.SEEN))
                        .toDocument(Instant.now().plusSeconds(60)))).block();
        writer.journal().record(ChangeEvent.exists(user, inbox.id(), 7, 7, List.of(Message.SEEN))).block();

        ChangeEvent lost = events.poll(1, TimeUnit.SECONDS);
        assertThat(lost.modseq()).isEqualTo(6);
        assertThat(lost.flags()).containsExactly(Message.SEEN);
        assertThat(events.poll(1, TimeUnit.SECONDS).uid()).isEqualTo(7);
        assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void anAnnouncedChangeArrivesAsWrittenWithoutAJournalRead() throws Exception {
        Mailbox inbox = writer.mailboxes().createDefaults(user).blockFirst();
        BlockingQueue<ChangeEvent> events = listen(user);
        ChangeEvent written = ChangeEvent.flags(user, inbox.id(), 3, 9, List.of(Message.SEEN, "$Label1"));
        long before = cluster.documentsVisited(Journal.COLLECTION.name());

        writer.journal().record(written).block();

        ChangeEvent received = events.poll(1, TimeUnit.SECONDS);
        assertThat(received).usingRecursiveComparison().ignoringFields("created").isEqualTo(written);
        assertThat(received.created()).isEqualTo(written.created().truncatedTo(ChronoUnit.MILLIS));
        assertThat(cluster.documentsVisited(Journal.COLLECTION.name()) - before).isZero();
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() throws Exception {
        Mailbox inbox = writer.mailboxes().createDefaults(user).blockFirst();
        BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();
        ChangeSubscription subscription = notifier.open(user).block();
        subscription.events().subscribe(events::add);
        BlockingQueue<ChangeEvent> stillOpen = listen(user);

        subscription.close();
        writer.messages().append(inbox.id(), message()).block();

        assertThat(stillOpen.poll(1, TimeUnit.SECONDS)).isNotNull();
        assertThat(events).isEmpty();
    }

    private BlockingQueue<ChangeEvent> listen(ObjectId who) {
        BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();
        notifier.open(who).block().events().subscribe(events::add);
        return events;
    }

    private static NewMessage message() {
        return new NewMessage(10, Instant.now(), List.of(), null, null, List.of(), "hello", new Document());
    }
}
