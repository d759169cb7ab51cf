package io.mallard.model.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.mailbox.DuplicateKey;
import io.mallard.model.store.IndexedCollection;
import reactor.core.publisher.Mono;

/**
 * A named lease in the {@code leases} collection, so that one instance at a time does a job (the
 * webhook worker) however many run. Taking it is one conditional upsert: it matches when the
 * lease is free, expired or already this owner's; otherwise the upsert's insert collides with the
 * existing document on {@code _id} and the lease stays with its holder. The holder renews it well
 * within {@code term}; a holder that dies loses it after {@code term}.
 *
 * <p>The lease also carries the job's progress ({@link #note}), written only while held, so a
 * holder that lost the lease unnoticed cannot move it backwards over its successor's.
 */
public final class Lease {

    public static final IndexedCollection COLLECTION = new IndexedCollection("leases", List.of(), null);

    private final MongoCollection<Document> leases;
    private final String name;
    private final String owner;
    private final Duration term;
    private final Clock clock;

    public Lease(MongoDatabase database, String name, String owner, Duration term, Clock clock) {
        this.leases = database.getCollection(COLLECTION.name());
        this.name = name;
        this.owner = owner;
        this.term = term;
        this.clock = clock;
    }

    /** Takes or renews the lease: true while this owner holds it for another {@code term}. */
    public Mono<Boolean> acquire() {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            return Mono.from(leases.findOneAndUpdate(
                            Filters.and(Filters.eq("_id", name),
                                    Filters.or(Filters.eq("owner", owner), Filters.lte("expiresAt", Date.from(now)))),
                            Updates.combine(Updates.set("owner", owner), Updates.set("expiresAt", Date.from(now.plus(term)))),
                            new FindOneAndUpdateOptions().upsert(true)))
                    .thenReturn(true)
                    .onErrorResume(DuplicateKey::is, held -> Mono.just(false));
        });
    }

    /** Gives the lease up at once, for a clean shutdown; a no-op when another owner holds it. */
    public Mono<Void> release() {
        return Mono.from(leases.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("owner", owner)),
                Updates.set("expiresAt", Date.from(Instant.EPOCH)))).then();
    }

    /** A value the holder kept with the lease, or empty. */
    public Mono<Object> noted(String key) {
        return Mono.from(leases.find(Filters.eq("_id", name)).first())
                .mapNotNull(document -> document.get("note", Document.class))
                .mapNotNull(notes -> notes.get(key));
    }

    /** Keeps {@code value} with the lease if this owner still holds it; true when written. */
    public Mono<Boolean> note(String key, Object value) {
        return Mono.from(leases.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("owner", owner)),
                        Updates.set("note." + key, value)))
                .map(result -> result.getMatchedCount() == 1);
    }
}
