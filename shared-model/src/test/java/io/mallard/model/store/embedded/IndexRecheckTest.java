package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BiPredicate;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A query served by an ordered index reads documents beside writers, so a document may have
 * changed since its index entry was read. What the span decided is checked again on the document
 * as read, by its key in the index's order, and only the rest of the query goes to the matcher.
 */
class IndexRecheckTest {

    private static final BiPredicate<Document, Document> MATCHER = new DefaultQueryMatcher()::matches;

    private final MVStore store = new MVStore.Builder().open();
    private final MVMap<KeyValue, Boolean> entries = store.openMap("index",
            new MVMap.Builder<KeyValue, Boolean>().keyType(new KeyValueType()).valueType(new DocumentIdType()));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aDocumentWhoseKeyLeftTheSpanSinceItsEntryWasReadFailsTheCheck() {
        OrderedIndex.Recheck recheck = index("mailbox", "modseq").recheck(
                new Document("mailbox", "m").append("modseq", new Document("$gt", 5L).append("$lte", 100L)), MATCHER);

        assertThat(recheck.rest()).isEmpty();
        assertThat(recheck.key()).accepts(message("m", "modseq", 6L), message("m", "modseq", 7), message("m", "modseq", 9.5));
        assertThat(recheck.key()).rejects(message("m", "modseq", 5L), message("m", "modseq", 3L),
                message("n", "modseq", 7L), new Document("mailbox", "m"), message("m", "modseq", "7"),
                message("m", "modseq", 101L));
    }

    @Test
    void aRangeOpenOnOneSideStaysWithTheMatcherAsItsSpanAlsoHoldsOtherTypes() {
        Document modseq = new Document("modseq", new Document("$gt", 5L));
        Document query = new Document("mailbox", "m");
        query.putAll(modseq);

        OrderedIndex.Recheck recheck = index("mailbox", "modseq").recheck(query, MATCHER);

        assertThat(recheck.rest()).isEqualTo(modseq);
        assertThat(recheck.key()).accepts(message("m", "modseq", 6L), message("m", "modseq", "7"));
        assertThat(recheck.key()).rejects(message("m", "modseq", 5L), message("n", "modseq", 7L));
    }

    @Test
    void aDocumentThatGainedAnArrayIsMatchedAgainstTheWholeQuery() {
        OrderedIndex.Recheck recheck = index("mailbox", "modseq").recheck(
                new Document("mailbox", "m").append("modseq", new Document("$gt", 5L)), MATCHER);

        assertThat(recheck.key()).accepts(message("m", "modseq", List.of(3L, 9L)));
        assertThat(recheck.key()).rejects(message("m", "modseq", List.of(1L, 2L)), message("n", "modseq", List.of(3L, 9L)));
    }

    @Test
    void aFieldReachedThroughAnArrayIsMatchedAgainstTheWholeQuery() {
        OrderedIndex.Recheck recheck = index("mailbox", "content.size").recheck(
                new Document("mailbox", "m").append("content.size", new Document("$gt", 5L).append("$lte", 100L)), MATCHER);

        assertThat(recheck.key()).accepts(message("m", "content", List.of(new Document("size", 7L), new Document("size", 1L))),
                message("m", "content", new Document("size", 7L)));
        assertThat(recheck.key()).rejects(message("m", "content", List.of(new Document("size", 1L))),
                message("m", "content", new Document("size", 1L)));
    }

    @Test
    void theMatcherGetsOnlyWhatTheSpanLeavesUndecided() {
        Document abandoned = new Document("abandoned", new Document("$ne", true));
        Document query = new Document("mailbox", "m").append("uid", new Document("$gte", 1L).append("$lte", 50L));
        query.putAll(abandoned);

        OrderedIndex.Recheck recheck = index("mailbox", "uid").recheck(query, MATCHER);

        assertThat(recheck.rest()).isEqualTo(abandoned);
        assertThat(recheck.key()).accepts(message("m", "uid", 1L), message("m", "uid", 50L));
        assertThat(recheck.key()).rejects(message("m", "uid", 51L), message("m", "uid", 0L));
    }

    @Test
    void severalSpansLeaveTheWholeQueryToTheMatcher() {
        Document query = new Document("mailbox", new Document("$in", List.of("m", "n"))).append("uid", 3L);

        OrderedIndex.Recheck recheck = index("mailbox", "uid").recheck(query, MATCHER);

        assertThat(recheck.rest()).isEqualTo(query);
        assertThat(recheck.key()).accepts(message("o", "uid", 4L));
    }

    private OrderedSecondaryIndex index(String... fields) {
        List<IndexKey> keys = List.of(fields).stream().map(field -> new IndexKey(field, true)).toList();
        return new OrderedSecondaryIndex(entries, "index", keys, false, document -> document.get("_id"), false);
    }

    private static Document message(String mailbox, String field, Object value) {
        return new Document("mailbox", mailbox).append(field, value);
    }
}
