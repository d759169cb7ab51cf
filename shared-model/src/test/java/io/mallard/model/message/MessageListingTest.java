package io.mallard.model.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.mailbox.Mailbox;
import reactor.core.publisher.Mono;

/**
 * The POP3 maildrop window (the newest N messages in UID order, skipping expunged ones), STATUS SIZE,
 * what SELECT opens a mailbox with, and listings that stream more documents than one batch holds.
 */
class MessageListingTest {

    @TempDir
    Path dir;

    private StoreCluster cluster;
    private MailStorage storage;
    private Mailbox inbox;

    @BeforeEach
    void start() {
        cluster = new StoreCluster(dir);
        storage = cluster.storage(Duration.ofSeconds(1));
        ObjectId user = cluster.user(0);
        storage.mailboxes().createDefaults(user).blockLast();
        inbox = storage.mailboxes().get(user, "INBOX").block();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void newestInUidOrderWithoutExpungedMessages() {
        for (int i = 1; i <= 6; i++) {
            storage.messages().append(inbox.id(), new NewMessage(100, Instant.now(), List.of(), "<m" + i + "@test>", null,
                    List.of(), "m" + i, new Document("text", "body"))).block();
        }
        storage.messages().delete(inbox.id(), 5).block();

        assertThat(storage.listing().newest(inbox.id(), 3, MessageFields.ALL).map(Message::uid).collectList().block())
                .containsExactly(3L, 4L, 6L);
        assertThat(storage.listing().newest(inbox.id(), 50, MessageFields.ALL).map(Message::uid).collectList().block())
                .containsExactly(1L, 2L, 3L, 4L, 6L);
    }

    @Test
    void theMaildropFieldsHoldIdUidSizeAndFlagsButNotTheHeaders() {
        append(3);
        storage.flags().update(inbox.id(), List.of(2L), FlagOperation.ADD, List.of(Message.SEEN), -1).blockLast();
        List<Message> all = storage.listing().newest(inbox.id(), 10, MessageFields.ALL).collectList().block();

        List<Message> maildrop = storage.listing().newest(inbox.id(), 10, MessageFields.MAILDROP).collectList().block();

        assertThat(maildrop).extracting(Message::id).containsExactlyElementsOf(all.stream().map(Message::id).toList());
        assertThat(maildrop).extracting(Message::uid).containsExactly(1L, 2L, 3L);
        assertThat(maildrop).extracting(Message::size).containsOnly(100L);
        assertThat(maildrop).extracting(message -> message.flags().contains(Message.SEEN)).containsExactly(false, true, false);
        assertThat(maildrop).extracting(Message::subject, Message::messageId).containsOnly(tuple(null, null));
        assertThat(maildrop).allSatisfy(message -> assertThat(message.content()).isEmpty());
    }

    @Test
    void theUidFieldsHoldUidAndModseqButNothingElse() {
        append(3);
        storage.flags().update(inbox.id(), List.of(2L), FlagOperation.ADD, List.of(Message.SEEN), -1).blockLast();
        List<Message> all = storage.listing().newest(inbox.id(), 10, MessageFields.ALL).collectList().block();

        List<Message> uids = storage.listing().newest(inbox.id(), 10, MessageFields.UIDS).collectList().block();

        assertThat(uids).extracting(Message::id, Message::uid, Message::modseq)
                .containsExactlyElementsOf(all.stream().map(m -> tuple(m.id(), m.uid(), m.modseq())).toList());
        assertThat(uids).extracting(Message::flags, Message::size, Message::mailbox, Message::subject)
                .containsOnly(tuple(List.of(), 0L, null, null));
        assertThat(uids).allSatisfy(message -> assertThat(message.content()).isEmpty());
    }

    @Test
    void sizeAddsUpTheMessagesLeftAfterExpunges() {
        assertThat(storage.listing().size(inbox.id()).block()).isZero();
        for (int i = 1; i <= 4; i++) {
            storage.messages().append(inbox.id(), new NewMessage(100 * i, Instant.now(), List.of(), "<s" + i + "@test>",
                    null, List.of(), "s" + i, new Document("text", "body"))).block();
        }
        storage.messages().delete(inbox.id(), 2).block();

        assertThat(storage.listing().size(inbox.id()).block()).isEqualTo(100 + 300 + 400);
    }

    @Test
    void openHasTheUidsWithoutExpungedOnesAndTheNumbersOfCounts() {
        append(5);
        storage.messages().delete(inbox.id(), 2).block();
        storage.flags().update(inbox.id(), List.of(4L), FlagOperation.ADD, List.of(Message.SEEN), -1).blockLast();

        MessageListing.Opening opening = storage.listing().open(inbox.id()).block();
        MailboxCounts counts = storage.listing().counts(inbox.id()).block();

        assertThat(opening.uids()).containsExactly(1L, 3L, 4L, 5L);
        assertThat(opening.uidNext()).isEqualTo(6).isEqualTo(counts.uidNext());
        assertThat(opening.highestModseq()).isEqualTo(counts.highestModseq()).isPositive();
        assertThat((long) opening.uids().size()).isEqualTo(counts.exists());
    }

    @Test
    void aListingConsumedAFewAtATimeStillGetsEveryMessageInUidOrder() {
        append(40);

        // concatMap asks for a few documents at a time; the cursor's batches (16 for ALL) must not lose any
        List<Long> uids = storage.listing().range(inbox.id(), 1, 40, MessageFields.ALL)
                .concatMap(message -> Mono.just(message.uid()), 2).collectList().block();

        assertThat(uids).containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
    }

    private void append(int count) {
        for (int i = 1; i <= count; i++) {
            storage.messages().append(inbox.id(), new NewMessage(100, Instant.now(), List.of(), "<o" + i + "@test>", null,
                    List.of(), "o" + i, new Document("text", "body"))).block();
        }
    }
}
