package io.mallard.model.expiry;

import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.BsonInt32;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;

import io.mallard.model.store.IndexedCollection;

/**
 * How a collection declares that its documents expire: each carries an {@value #FIELD} date and
 * the collection lists {@link #model()} among its indexes. A real MongoDB then expires the
 * documents itself through the TTL index; the embedded store keeps TTL indexes but never expires
 * anything, so {@link ExpirySweeper} deletes them too, on either store, through the same index.
 */
public final class ExpiryIndex {

    public static final String FIELD = "expiresAt";

    private static final BsonDocument KEYS = new BsonDocument(FIELD, new BsonInt32(1));

    private ExpiryIndex() {
    }

    /** A TTL index that expires a document as soon as its {@value #FIELD} date has passed. */
    public static IndexModel model() {
        return new IndexModel(KEYS, new IndexOptions().name(FIELD + "_ttl").expireAfter(0L, TimeUnit.SECONDS));
    }

    static boolean isDeclaredBy(IndexedCollection collection) {
        return collection.indexes().stream().anyMatch(index ->
                index.getOptions().getExpireAfter(TimeUnit.SECONDS) != null
                        && KEYS.equals(index.getKeys().toBsonDocument()));
    }
}
