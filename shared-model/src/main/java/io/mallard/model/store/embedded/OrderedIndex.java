package io.mallard.model.store.embedded;

import java.util.OptionalLong;

import de.bwaldvogel.mongo.bson.Document;

/** An index whose keys are ordered by value, so that it can serve equality-prefix and range queries. */
interface OrderedIndex {

    /** How many entries the query's span covers; empty when this index cannot narrow the query. */
    OptionalLong candidates(Document query);
}
