package io.mallard.model.store;

import java.util.List;

import com.mongodb.client.model.IndexModel;

/**
 * A collection together with the indexes Mallard's queries rely on. Every store declares its
 * collections this way so that {@link CollectionIndexes} creates all indexes at start-up, on the
 * embedded store and on a real cluster alike.
 *
 * @param name the collection name
 * @param indexes indexes beyond {@code _id}
 * @param shardKey the field a sharded cluster distributes this collection by, or {@code null}
 *     for small collections that stay unsharded
 */
public record IndexedCollection(String name, List<IndexModel> indexes, String shardKey) {
}
