package io.mallard.model.quota;

import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.storage.UserFileStore;
import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Mono;

/**
 * Keeps {@code users.storageUsed} equal to the sum of the user's message and file sizes without
 * transactions: a store first reserves its bytes with one conditional atomic update (which can
 * only succeed while the result stays within {@code users.quota}) and gives them back if the
 * store then fails; a delete releases its bytes after the message is gone. A crash between the
 * two steps leaves the ledger off by one message, which {@link #recalculate} repairs.
 */
public final class QuotaLedger {

    private static final int RESERVE_ATTEMPTS = 10;

    private final MongoCollection<Document> users;
    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> files;

    public QuotaLedger(MongoDatabase database) {
        this.users = database.getCollection("users");
        this.messages = database.getCollection("messages");
        this.files = database.getCollection(UserFileStore.BUCKET + ".files");
    }

    /**
     * Adds {@code bytes} to the user's storage if the quota allows, else fails with
     * {@link QuotaExceededException} and changes nothing.
     */
    public Mono<Void> reserve(ObjectId user, long bytes) {
        return reserve(users, user, bytes, RESERVE_ATTEMPTS);
    }

    /**
     * As {@link #reserve}, for a writer that makes a journaled write before it acknowledges
     * anything, whichever way it ends (a message's journal entry, or the {@link #release} of a
     * store that failed): on the embedded store that write makes this one durable too
     * ({@link MongoStore#followed}), so an APPEND forces the disk once instead of twice.
     */
    public Mono<Void> reserveFollowed(ObjectId user, long bytes) {
        return reserve(MongoStore.followed(users), user, bytes, RESERVE_ATTEMPTS);
    }

    /**
     * One conditional update that checks the quota against the stored values themselves, so a
     * reservation that fits takes one round trip; only when it misses is the user read, to tell a
     * refusal (or a missing user) from a race with a quota change, which tries again.
     */
    private Mono<Void> reserve(MongoCollection<Document> users, ObjectId user, long bytes, int attemptsLeft) {
        return Mono.from(users.updateOne(Filters.and(Filters.eq("_id", user), Filters.expr(fits(bytes))),
                        Updates.inc("storageUsed", bytes)))
                .flatMap(result -> result.getModifiedCount() == 1 ? Mono.<Void>empty()
                        : Mono.from(users.find(Filters.eq("_id", user)).first())
                                .switchIfEmpty(Mono.error(() -> new IllegalArgumentException("No such user: " + user)))
                                .flatMap(found -> {
                                    long quota = found.get("quota") instanceof Number n ? n.longValue() : 0L;
                                    return overQuota(found, quota, bytes) || attemptsLeft <= 1
                                            ? Mono.error(new QuotaExceededException(user, quota, bytes))
                                            : reserve(users, user, bytes, attemptsLeft - 1);
                                }));
    }

    /** Quota 0 (or none) means unlimited; a missing {@code storageUsed} counts as 0. */
    private static Document fits(long bytes) {
        Document quota = new Document("$ifNull", List.of("$quota", 0L));
        Document used = new Document("$ifNull", List.of("$storageUsed", 0L));
        return new Document("$or", List.of(
                new Document("$lte", List.of(quota, 0L)),
                new Document("$lte", List.of(new Document("$add", List.of(used, bytes)), "$quota"))));
    }

    private static boolean overQuota(Document user, long quota, long bytes) {
        long used = user.get("storageUsed") instanceof Number n ? n.longValue() : 0L;
        return quota > 0 && used + bytes > quota;
    }

    /** Gives back the bytes of a deleted message or of a store that failed after {@link #reserve}. */
    public Mono<Void> release(ObjectId user, long bytes) {
        return bytes == 0 ? Mono.empty() : Mono.from(users.updateOne(Filters.eq("_id", user), Updates.inc("storageUsed", -bytes))).then();
    }

    /** The user's storage as the ledger has it. */
    public Mono<Long> used(ObjectId user) {
        return Mono.from(users.find(Filters.eq("_id", user)).first())
                .map(d -> d.get("storageUsed") instanceof Number n ? n.longValue() : 0L);
    }

    /**
     * The sum of the sizes of the user's messages and stored files, counted from the messages and
     * files themselves.
     */
    public Mono<Long> measure(ObjectId user) {
        return sum(messages, Filters.and(Filters.eq("user", user), Filters.ne("abandoned", true)), "$size")
                .zipWith(sum(files, Filters.eq("metadata.user", user), "$length"), Long::sum);
    }

    private static Mono<Long> sum(MongoCollection<Document> collection, Bson filter, String field) {
        return Mono.from(collection.aggregate(List.of(Aggregates.match(filter),
                        Aggregates.group(null, Accumulators.sum("total", field)))).first())
                .map(d -> ((Number) d.get("total")).longValue())
                .defaultIfEmpty(0L);
    }

    /**
     * Sets {@code storageUsed} to the measured sum. Stores running at the same moment may be
     * counted twice or not at all, so run it for a quiet account (as WildDuck's recalculation).
     */
    public Mono<Long> recalculate(ObjectId user) {
        return measure(user).flatMap(total -> Mono.from(users.updateOne(Filters.eq("_id", user), Updates.set("storageUsed", total)))
                .thenReturn(total));
    }
}
