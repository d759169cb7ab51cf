package io.mallard.model.config;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import io.mallard.model.store.CollectionIndexes;
import io.mallard.model.store.CollectionSet;
import io.mallard.model.store.IndexedCollection;
import io.mallard.model.store.MongoStore;

/**
 * Creates every declared index before the services take traffic: a unique index that arrived
 * after the first writes could no longer prevent their duplicates. Runs once on the start-up
 * thread, which may wait; no event loop is involved yet.
 */
final class IndexBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(IndexBootstrap.class);
    private static final Duration LIMIT = Duration.ofMinutes(5);

    private final MongoStore mongo;
    private final List<CollectionSet> sets;

    IndexBootstrap(MongoStore mongo, List<CollectionSet> sets) {
        this.mongo = mongo;
        this.sets = sets;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<IndexedCollection> collections = sets.stream().flatMap(set -> set.collections().stream()).toList();
        long started = System.nanoTime();
        CollectionIndexes.ensure(mongo.database(), collections).block(LIMIT);
        log.info("Indexes of {} collections ({}) ready in {} ms", collections.size(),
                sets.stream().map(CollectionSet::layer).toList(), (System.nanoTime() - started) / 1_000_000);
    }
}
