package io.mallard.model.store;

import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Creates the declared indexes; creating an index that exists is a no-op on MongoDB. */
public final class CollectionIndexes {

    private CollectionIndexes() {
    }

    public static Mono<Void> ensure(MongoDatabase database, List<IndexedCollection> collections) {
        return Flux.fromIterable(collections)
                .concatMap(collection -> collection.indexes().isEmpty()
                        ? Mono.empty()
                        : Flux.from(database.getCollection(collection.name()).createIndexes(collection.indexes())))
                .then();
    }
}
