package io.mallard.model.store.embedded;

import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;

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
     * What of the query a document found through this index still has to be checked against
     * (see {@link KeyRange#residual}); the whole query when the index cannot narrow it.
     */
    Document residual(Document query);
}
