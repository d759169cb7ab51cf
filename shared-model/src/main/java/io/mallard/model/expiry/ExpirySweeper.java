package io.mallard.model.expiry;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.store.IndexedCollection;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes the documents whose {@value ExpiryIndex#FIELD} date has passed, in every collection
 * that declares {@link ExpiryIndex#model()}. A sweep is a {@code deleteMany} by date, so it is
 * idempotent: any number of service instances may sweep at once, and alongside the TTL monitor
 * of a real MongoDB. Expiry is as late as the interval (MongoDB's own monitor runs every 60 s),
 * so readers that must not see an expired document filter on the date themselves.
 */
public final class ExpirySweeper implements AutoCloseable {

    private final MongoDatabase database;
    private final List<String> collections;
    private final Clock clock;
    private final PeriodicSweep periodic = new PeriodicSweep("expiry");

    public ExpirySweeper(MongoDatabase database, List<IndexedCollection> declared, Clock clock) {
        this.database = database;
        this.collections = declared.stream().filter(ExpiryIndex::isDeclaredBy).map(IndexedCollection::name).toList();
        this.clock = clock;
    }

    /** One pass over all expiring collections: how many documents it deleted. */
    public Mono<Long> sweep() {
        Date now = Date.from(clock.instant());
        return Flux.fromIterable(collections)
                .concatMap(name -> Mono.from(database.getCollection(name)
                        .deleteMany(Filters.lte(ExpiryIndex.FIELD, now))))
                .map(result -> result.getDeletedCount())
                .reduce(0L, Long::sum);
    }

    /** Sweeps every {@code interval} until disposed (see {@link PeriodicSweep}). */
    public Disposable start(Duration interval) {
        return periodic.start(interval, this::sweep);
    }

    @Override
    public void close() {
        periodic.close();
    }
}
