package io.mallard.model.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.mallard.model.expiry.ExpiryIndex;
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
            new IndexModel(Indexes.ascending("mailbox", "modseq"), new IndexOptions().unique(true)),
            ExpiryIndex.model()),
            "mailbox");

    private static final int CLAIM_ATTEMPTS = 50;
    private static final String CHANNEL_PREFIX = "mallard:user:";

    private final MongoCollection<Document> entries;
    private final RedisReactiveCommands<String, String> redis;

    public Journal(MongoDatabase database, RedisStore redis) {
        this.entries = database.getCollection(COLLECTION.name());
        this.redis = redis.commands();
    }

    /** Writes the entry, then announces it on the owner's channel. */
    public Mono<ChangeEvent> record(ChangeEvent event) {
        return Mono.from(entries.insertOne(event.toDocument(Instant.now().plus(RETENTION))))
                .then(redis.publish(channel(event.user()), event.mailbox().toHexString() + ' ' + event.modseq()))
                .thenReturn(event);
    }

    /**
     * Writes the entry under its MODSEQ, which the unique {@code {mailbox, modseq}} index makes a
     * claim: RFC 7162 3.1 wants every change in a mailbox to get its own MODSEQ, and an allocator
     * that repeats a number (the embedded store's {@code $inc} under contention) would break that.
     * On a repeat, a fresh MODSEQ is taken from {@code reallocate}, the changed document is moved
     * to it with {@code restamp}, and the entry is written again.
     *
     * @return the entry as written, with the MODSEQ it finally got
     */
    public Mono<ChangeEvent> claim(ChangeEvent event, Mono<Long> reallocate, Function<Long, Mono<Void>> restamp) {
        return claim(event, reallocate, restamp, CLAIM_ATTEMPTS);
    }

    private Mono<ChangeEvent> claim(ChangeEvent event, Mono<Long> reallocate, Function<Long, Mono<Void>> restamp,
            int attemptsLeft) {
        return record(event).onErrorResume(e -> duplicateKey(e) && attemptsLeft > 1, e -> reallocate
                .flatMap(modseq -> restamp.apply(modseq)
                        .then(Mono.defer(() -> claim(event.withModseq(modseq), reallocate, restamp, attemptsLeft - 1)))));
    }

    private static boolean duplicateKey(Throwable error) {
        return error instanceof MongoServerException e && ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }

    /** Entries of one mailbox with a MODSEQ above {@code modseq}, oldest first. */
    public Flux<ChangeEvent> since(ObjectId mailbox, long modseq) {
        return Flux.from(entries.find(Filters.and(Filters.eq("mailbox", mailbox), Filters.gt("modseq", modseq)))
                        .sort(Sorts.ascending("modseq")))
                .map(ChangeEvent::fromDocument);
    }

    /**
     * Entries of every mailbox with an {@code _id} above {@code after}, in {@code _id} order: for a
     * single reader that follows the whole journal (the webhook worker). Ids come from the writers'
     * clocks and counters, so an entry can land just below one already read: such a reader re-reads
     * a short window behind its position.
     */
    public Flux<Written> after(ObjectId after, int limit) {
        return Flux.from(entries.find(Filters.gt("_id", after)).sort(Sorts.ascending("_id")).limit(limit))
                .map(d -> new Written(d.getObjectId("_id"), ChangeEvent.fromDocument(d)));
    }

    /** An entry with the id it was written under. */
    public record Written(ObjectId id, ChangeEvent event) {
    }

    static String channel(ObjectId user) {
        return CHANNEL_PREFIX + user.toHexString();
    }

    static ObjectId userOf(String channel) {
        return new ObjectId(channel.substring(CHANNEL_PREFIX.length()));
    }
}
