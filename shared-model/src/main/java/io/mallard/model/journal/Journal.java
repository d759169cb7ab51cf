package io.mallard.model.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.mallard.model.store.IndexedCollection;
import io.mallard.model.store.RedisStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The change journal: every mailbox change is written to {@code journal}, then announced on the
 * owner's Redis channel. The announcement only says "mailbox M changed from MODSEQ m"; the
 * listener reads the entries from MongoDB, so a lost or duplicated announcement costs latency at
 * worst, never a wrong view. Entries carry {@code expiresAt} (now + {@link #RETENTION}): a session
 * that slept longer than that resynchronises from the messages themselves (RFC 7162 3.2.5.2).
 *
 * <p>Sharded by {@code mailbox}, like WildDuck's journal: every read names one mailbox.
 */
public final class Journal {

    public static final Duration RETENTION = Duration.ofHours(2);

    public static final IndexedCollection COLLECTION = new IndexedCollection("journal", List.of(
            new IndexModel(Indexes.ascending("mailbox", "modseq")),
            new IndexModel(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS))),
            "mailbox");

    private static final String CHANNEL_PREFIX = "mallard:user:";

    private final MongoCollection<Document> entries;
    private final RedisReactiveCommands<String, String> redis;

    public Journal(MongoDatabase database, RedisStore redis) {
        this.entries = database.getCollection(COLLECTION.name());
        this.redis = redis.commands();
    }

    /** Writes the entries (all of one user), then publishes one notification per mailbox touched. */
    public Mono<Void> record(List<ChangeEvent> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        Instant expiresAt = Instant.now().plus(RETENTION);
        return Mono.from(entries.insertMany(events.stream().map(e -> e.toDocument(expiresAt)).toList()))
                .thenMany(Flux.fromIterable(events)
                        .groupBy(ChangeEvent::mailbox)
                        .flatMap(group -> group.reduce((a, b) -> a.modseq() <= b.modseq() ? a : b)))
                .concatMap(first -> redis.publish(channel(first.user()),
                        first.mailbox().toHexString() + ' ' + first.modseq()))
                .then();
    }

    public Mono<Void> record(ChangeEvent event) {
        return record(List.of(event));
    }

    /** Entries of one mailbox with a MODSEQ above {@code modseq}, oldest first. */
    public Flux<ChangeEvent> since(ObjectId mailbox, long modseq) {
        return Flux.from(entries.find(Filters.and(Filters.eq("mailbox", mailbox), Filters.gt("modseq", modseq)))
                        .sort(Sorts.ascending("modseq")))
                .map(ChangeEvent::fromDocument);
    }

    static String channel(ObjectId user) {
        return CHANNEL_PREFIX + user.toHexString();
    }

    static ObjectId userOf(String channel) {
        return new ObjectId(channel.substring(CHANNEL_PREFIX.length()));
    }
}
