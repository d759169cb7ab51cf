package io.mallard.model.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import io.mallard.model.mailbox.MailboxStore;
import io.mallard.model.store.IndexedCollection;
import io.mallard.model.store.RedisStore;
import io.mallard.model.watermark.CommitWatermark;
import io.mallard.model.watermark.Counter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The change journal: every mailbox change is written to {@code journal}, then announced on the
 * owner's Redis channel. The announcement only says "mailbox M changed from MODSEQ m"; the
 * listener reads the entries from MongoDB, so a lost or duplicated announcement costs latency at
 * worst, never a wrong view. Entries carry {@code expiresAt} (now + {@link #RETENTION}): a session
 * that slept longer than that resynchronises from the messages themselves (RFC 7162 3.2.5.2).
 *
 * <p>Every MODSEQ a mailbox hands out ends up with exactly one entry: its change, or a
 * {@link ChangeCommand#NONE} placeholder when its writer gave it up or a reader fenced it. So the
 * journal also says up to which MODSEQ every change is written ({@link #completeUpTo}, a
 * {@link CommitWatermark} over MODSEQs): a session reports and promises (RFC 7162 HIGHESTMODSEQ)
 * only up to there, because changes commit out of MODSEQ order when several writers work at once,
 * and a client that resumes with CHANGEDSINCE n never asks again for a change below n.
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
    private static final Duration KEEP_UP = Duration.ofSeconds(1);
    private static final String CHANNEL_PREFIX = "mallard:user:";

    private final MongoCollection<Document> entries;
    private final RedisReactiveCommands<String, String> redis;
    private final CommitWatermark complete;
    private final Set<ObjectId> walking = ConcurrentHashMap.newKeySet();

    public Journal(MongoDatabase database, RedisStore redis) {
        this(database, redis, CommitWatermark.DEFAULT_LEASE);
    }

    /** @param lease how long a MODSEQ may stay unwritten before readers fence it */
    public Journal(MongoDatabase database, RedisStore redis, Duration lease) {
        this.entries = database.getCollection(COLLECTION.name());
        this.redis = redis.commands();
        this.complete = new CommitWatermark(database.getCollection(MailboxStore.COLLECTION.name()),
                new Counter("modifyIndex", false, "visibleModseq", "modseqCheckpoint", entries, "modseq",
                        Journal::placeholder, true), lease);
    }

    /** Writes the entry, then announces it on the owner's channel. */
    public Mono<ChangeEvent> record(ChangeEvent event) {
        return Mono.from(entries.insertOne(event.toDocument(Instant.now().plus(RETENTION))))
                .then(redis.publish(channel(event.user()), event.announcement()))
                .doOnSuccess(published -> {
                    if (event.modseq() > 0 && event.modseq() < Long.MAX_VALUE) {
                        keepUp(event.mailbox());
                    }
                })
                .thenReturn(event);
    }

    /**
     * Walks the mailbox's {@link #completeUpTo} soon after a write, at most once per
     * {@link #KEEP_UP} per mailbox and process and off the writer's path, so that it keeps up with
     * writes where nobody reads: entries expire after {@link #RETENTION}, and a walk that starts
     * far behind would take every expired entry for a gap and fence it. Readers walk themselves.
     */
    private void keepUp(ObjectId mailbox) {
        if (walking.add(mailbox)) {
            Mono.delay(KEEP_UP)
                    .then(Mono.defer(() -> {
                        walking.remove(mailbox);
                        return complete.visibleUpTo(mailbox);
                    }))
                    .subscribe(null, failure -> walking.remove(mailbox));
        }
    }

    /**
     * The highest MODSEQ at or below which every change of the mailbox is written: what RFC 7162
     * HIGHESTMODSEQ may say, and how far a session may report.
     */
    public Mono<Long> completeUpTo(ObjectId mailbox) {
        return complete.visibleUpTo(mailbox);
    }

    /** A MODSEQ its writer took and will not use (lost a race, found nothing to change). */
    public Mono<Void> abandon(ObjectId mailbox, long modseq) {
        return complete.abandon(mailbox, modseq);
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

    /** Changes of one mailbox with a MODSEQ above {@code modseq}, oldest first. */
    public Flux<ChangeEvent> since(ObjectId mailbox, long modseq) {
        return Flux.from(entries.find(Filters.and(Filters.eq("mailbox", mailbox), Filters.gt("modseq", modseq),
                                Filters.ne("command", ChangeCommand.NONE.name())))
                        .sort(Sorts.ascending("modseq")))
                .map(ChangeEvent::fromDocument);
    }

    /**
     * Every entry of one mailbox with {@code after < modseq <= upTo}, placeholders included, oldest
     * first: below {@link #completeUpTo} there is one per MODSEQ, so fewer means some have expired.
     */
    public Flux<ChangeEvent> between(ObjectId mailbox, long after, long upTo) {
        return Flux.from(entries.find(Filters.and(Filters.eq("mailbox", mailbox), Filters.gt("modseq", after),
                                Filters.lte("modseq", upTo)))
                        .sort(Sorts.ascending("modseq")))
                .map(ChangeEvent::fromDocument);
    }

    /** Takes a MODSEQ that carries no change, so that it does not hold {@link #completeUpTo} back. */
    private static Document placeholder(ObjectId mailbox, long modseq) {
        return new ChangeEvent(null, mailbox, ChangeCommand.NONE, 0, modseq, null, null, Instant.now())
                .toDocument(Instant.now().plus(RETENTION));
    }

    /**
     * Entries of every mailbox with an {@code _id} above {@code after}, in {@code _id} order: for a
     * single reader that follows the whole journal (the webhook worker). Ids come from the writers'
     * clocks and counters, so an entry can land just below one already read: such a reader re-reads
     * a short window behind its position. Placeholders report no change and are left out.
     */
    public Flux<Written> after(ObjectId after, int limit) {
        return Flux.from(entries.find(Filters.and(Filters.gt("_id", after), Filters.ne("command", ChangeCommand.NONE.name())))
                        .sort(Sorts.ascending("_id")).limit(limit))
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
