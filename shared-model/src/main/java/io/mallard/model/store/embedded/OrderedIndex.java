package io.mallard.model.store.embedded;

import de.bwaldvogel.mongo.bson.Document;

/** An index whose keys are ordered by value, so that it can serve equality-prefix and range queries. */
interface OrderedIndex {

    /** How much of this index the query pins down; 0 when the index cannot narrow it at all. */
    int selectivity(Document query);
}
