package io.mallard.model.store;

import java.util.Collections;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;

import reactor.core.publisher.Flux;

/**
 * Cursor pages over a listing ordered by {@code _id}, the shape every API listing has: the page
 * after an edge id or the one before it, always returned in listing order.
 */
public final class IdPages {

    private IdPages() {
    }

    /**
     * Up to {@code limit} documents matching {@code filter} beyond {@code edge} in listing order
     * ({@code null} edge: from the start), or before it when {@code backwards}.
     *
     * @param ascending whether the listing runs oldest first (else newest first)
     */
    public static Flux<Document> read(MongoCollection<Document> collection, Bson filter, ObjectId edge,
            boolean ascending, boolean backwards, int limit) {
        boolean towardsHigher = ascending != backwards;
        Bson bounded = edge == null ? filter
                : Filters.and(filter, towardsHigher ? Filters.gt("_id", edge) : Filters.lt("_id", edge));
        Flux<Document> found = Flux.from(collection.find(bounded)
                .sort(towardsHigher ? Sorts.ascending("_id") : Sorts.descending("_id")).limit(limit));
        // Read nearest the edge first, so the page holds the documents next to it; shown in listing order.
        return backwards ? found.collectList().flatMapIterable(page -> {
            Collections.reverse(page);
            return page;
        }) : found;
    }
}
