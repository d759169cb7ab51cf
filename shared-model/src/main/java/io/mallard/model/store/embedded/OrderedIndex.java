package io.mallard.model.store.embedded;

import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import de.bwaldvogel.mongo.bson.Document;

/** An index whose keys are ordered by value, so that it can serve equality-prefix and range queries. */
interface OrderedIndex {

    /** How many entries the query's span covers; empty when this index cannot narrow the query. */
    OptionalLong candidates(Document query);

    /**
     * The positions of the query's span in the order {@code orderBy} asks, read lazily, so that a
     * sorted query with a limit reads only as many documents as it returns (a page of 50 of a
     * mailbox's messages by UID); empty when this index does not hold that order.
     */
    Optional<Iterator<Object>> positionsInOrder(Document query, Document orderBy);

    /**
     * What a document found through this index is checked against, as it is when it is read (it
     * may have changed since its entry was read: see {@link IndexedH2Collection}); the whole query
     * when the index cannot narrow it.
     *
     * @param matcher the collection's query matcher, for a document that now has several keys
     */
    Recheck recheck(Document query, BiPredicate<Document, Document> matcher);

    /**
     * @param key whether the document's key still lies in the query's span, compared in the
     *     index's own order: what the span decided for the entry, at the cost of one key
     * @param rest what the span does not decide (see {@link KeyRange#residual}), for the matcher
     */
    record Recheck(Predicate<Document> key, Document rest) {

        static Recheck wholeQuery(Document query) {
            return new Recheck(document -> true, query);
        }
    }
}
