package io.mallard.model.expiry;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.store.IndexedCollection;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Deletes the documents whose {@value ExpiryIndex#FIELD} date has passed, in every collection
 * that declares {@link ExpiryIndex#model()}. A sweep is a {@code deleteMany} by date, so it is
 * idempotent: any number of service instances may sweep at once, and alongside the TTL monitor
 * of a real MongoDB. Expiry is as late as the interval (MongoDB's own monitor runs every 60 s),
 * so readers that must not see an expired document filter on the date themselves.
 */
public final class ExpirySweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

    private final MongoDatabase database;
    private final List<String> collections;
    private final Clock clock;
    private final Scheduler ticks = Schedulers.newSingle("mallard-expiry", true);

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

    /**
     * Sweeps every {@code interval} until disposed. The timer runs on one dedicated thread and the
     * deletes are reactive, so no event loop waits; a tick that comes while a sweep is still
     * running is dropped, and a failed sweep is logged and retried on the next tick.
     */
    public Disposable start(Duration interval) {
        return Flux.interval(interval, ticks)
                .onBackpressureDrop()
                .concatMap(tick -> sweep().onErrorResume(e -> {
                    log.warn("expiry sweep failed, retrying in {}", interval, e);
                    return Mono.empty();
                }), 1)
                .subscribe(deleted -> log.debug("expiry sweep deleted {} documents", deleted));
    }

    @Override
    public void close() {
        ticks.dispose();
    }
}
