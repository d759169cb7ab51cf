package io.mallard.model.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.mailbox.Mailbox;
import reactor.core.publisher.Flux;

/**
 * Search conditions evaluated by the store (the embedded server here, as in every test): each
 * combination answers exactly the messages it names, so a search can rely on it.
 */
class MessageCriteriaTest {

    @TempDir
    static Path dir;

    private static StoreCluster cluster;
    private static MailStorage storage;
    private static Mailbox inbox;

    @BeforeAll
    static void start() {
        cluster = new StoreCluster(dir);
        storage = cluster.storage(Duration.ofSeconds(1));
        ObjectId user = cluster.user(0);
        storage.mailboxes().createDefaults(user).blockLast();
        inbox = storage.mailboxes().get(user, "INBOX").block();
        // uid 1: seen, 100 bytes, 1 Jan; uid 2: $Work keyword, 200 bytes, 2 Jan, no Date header;
        // uid 3: seen and flagged, 300 bytes, 3 Jan.
        append(100, "2026-01-01T10:00:00Z", List.of("\\Seen"), Instant.parse("2025-12-31T23:00:00Z"));
        append(200, "2026-01-02T10:00:00Z", List.of("$Work"), null);
        append(300, "2026-01-03T10:00:00Z", List.of("\\Seen", "\\Flagged"), Instant.parse("2026-01-03T09:00:00Z"));
    }

    private static void append(long size, String internalDate, List<String> flags, Instant sent) {
        Document parsed = new Document("date", sent == null ? null : Date.from(sent)).append("text", "x".repeat(1000));
        storage.messages().append(inbox.id(), new NewMessage(size, Instant.parse(internalDate), flags, null, null,
                List.of(), "s", new Document("parsed", parsed))).block();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static List<Long> uids(MessageCriteria criteria) {
        return search(1, Long.MAX_VALUE, criteria, MessageFields.NONE).map(Message::uid).collectList().block();
    }

    private static Flux<Message> search(long fromUid, long toUid, MessageCriteria criteria, MessageFields fields) {
        long visible = storage.messages().visibleUpTo(inbox.id()).block();
        return storage.listing().searchUpTo(visible, inbox.id(), fromUid, toUid, criteria, fields);
    }

    @Test
    void flagsPresentAndAbsentKeywordsIgnoringCase() {
        assertThat(uids(MessageCriteria.flag("\\Seen", true))).containsExactly(1L, 3L);
        assertThat(uids(MessageCriteria.flag("\\Seen", false))).containsExactly(2L);
        assertThat(uids(MessageCriteria.flag("$work", true))).containsExactly(2L);
        assertThat(uids(MessageCriteria.flag("$WORK", false))).containsExactly(1L, 3L);
    }

    @Test
    void rangesOfUidSizeAndDates() {
        assertThat(uids(MessageCriteria.uids(2, 3))).containsExactly(2L, 3L);
        assertThat(uids(MessageCriteria.size(150, 300))).containsExactly(2L, 3L);
        assertThat(uids(MessageCriteria.internalDate(Instant.parse("2026-01-02T00:00:00Z"), null)))
                .containsExactly(2L, 3L);
        assertThat(uids(MessageCriteria.internalDate(null, Instant.parse("2026-01-02T00:00:00Z")))).containsExactly(1L);
        assertThat(uids(MessageCriteria.sentDateOrUnknown(Instant.parse("2026-01-01T00:00:00Z"), null)))
                .containsExactly(2L, 3L);
    }

    @Test
    void combinations() {
        MessageCriteria seen = MessageCriteria.flag("\\Seen", true);
        MessageCriteria big = MessageCriteria.size(250, Long.MAX_VALUE);
        assertThat(uids(MessageCriteria.and(List.of(seen, MessageCriteria.not(big))))).containsExactly(1L);
        assertThat(uids(MessageCriteria.or(List.of(MessageCriteria.flag("$Work", true), big)))).containsExactly(2L, 3L);
        assertThat(uids(MessageCriteria.not(MessageCriteria.or(List.of(seen, big))))).containsExactly(2L);
        assertThat(uids(MessageCriteria.and(List.of(seen, MessageCriteria.NONE)))).isEmpty();
        assertThat(uids(MessageCriteria.or(List.of(MessageCriteria.NONE, MessageCriteria.ANY)))).hasSize(3);
    }

    @Test
    void theSearchableTextIsReadOnlyWhenAsked() {
        Message without = search(1, 1, MessageCriteria.ANY, MessageFields.ALL_BUT_TEXT).blockFirst();
        Message with = search(1, 1, MessageCriteria.ANY, MessageFields.ALL).blockFirst();
        assertThat(without.content().get("parsed", Document.class).getString("text")).isNull();
        assertThat(without.content().get("parsed", Document.class).getDate("date")).isNotNull();
        assertThat(with.content().get("parsed", Document.class).getString("text")).hasSize(1000);
        // everything else of the content is kept: FETCH renders from this projection
        Document parsedWithout = new Document(with.content().get("parsed", Document.class));
        parsedWithout.remove("text");
        assertThat(without.content().get("parsed", Document.class)).isEqualTo(parsedWithout);
        assertThat(without.content().get("raw")).isEqualTo(with.content().get("raw"));
    }
}
