package io.mallard.model.thread;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.store.IndexedCollection;
import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Mono;

/**
 * Groups a user's messages into conversations the way Gmail and WildDuck do: a message joins the
 * thread that already knows any of its Message-ID, In-Reply-To or References ids (RFC 5322 3.6.4),
 * else the most recent thread with the same {@linkplain ThreadSubject normalized subject} updated
 * within the window (for clients that drop References), else it starts a thread. Threads store
 * hashes of the ids, so a thread document stays small and the ids need no escaping.
 *
 * <p>Two replies arriving at once to an unknown parent may open two threads; threading is a
 * presentation aid, and WildDuck accepts the same race.
 */
public final class Threader {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    /** Sharded by {@code user}: every lookup names the user. */
    public static final IndexedCollection COLLECTION = new IndexedCollection("threads", List.of(
            new IndexModel(Indexes.ascending("user", "ids")),
            new IndexModel(Indexes.ascending("user", "subject", "updated"))),
            "user");

    private final MongoCollection<Document> threads;
    /** Only MessageStore.append assigns, and the message's journal entry makes this durable with it. */
    private final MongoCollection<Document> assigning;
    private final Duration window;

    public Threader(MongoDatabase database, Duration window) {
        this.threads = database.getCollection(COLLECTION.name());
        this.assigning = MongoStore.followed(threads);
        this.window = window;
    }

    public Threader(MongoDatabase database) {
        this(database, DEFAULT_WINDOW);
    }

    /**
     * The thread the message belongs to, created if needed; the thread learns the message's ids.
     * Each step finds and updates the thread in one command, the most recently updated first: a
     * reply (its References name a known message) costs one round trip, where a lookup by ids and
     * one by subject, then an update, took three for every message; a message joining by subject
     * costs two, and one starting a thread three, one after the other.
     */
    public Mono<ObjectId> assign(ObjectId user, String messageId, String inReplyTo, List<String> references, String subject) {
        List<String> ids = hashes(messageId, inReplyTo, references);
        String base = ThreadSubject.normalize(subject);
        Instant now = Instant.now();
        Bson learn = Updates.combine(Updates.addEachToSet("ids", ids), Updates.set("updated", Date.from(now)));
        Mono<ObjectId> byIds = ids.isEmpty() ? Mono.empty()
                : join(Filters.and(Filters.eq("user", user), Filters.in("ids", ids)), learn);
        Mono<ObjectId> bySubject = base.isEmpty() ? Mono.empty()
                : join(Filters.and(Filters.eq("user", user), Filters.eq("subject", base),
                        Filters.gte("updated", Date.from(now.minus(window)))), learn);
        return byIds.switchIfEmpty(bySubject).switchIfEmpty(Mono.defer(() -> {
            ObjectId id = new ObjectId();
            return Mono.from(assigning.insertOne(new Document("_id", id).append("user", user).append("ids", ids)
                    .append("subject", base).append("updated", Date.from(now)))).thenReturn(id);
        }));
    }

    /** Updates the most recently updated thread that {@code filter} finds, if any, and names it. */
    private Mono<ObjectId> join(Bson filter, Bson update) {
        return Mono.from(assigning.findOneAndUpdate(filter, update,
                        new FindOneAndUpdateOptions().sort(Sorts.descending("updated")).projection(Projections.include("_id"))))
                .map(thread -> thread.getObjectId("_id"));
    }

    /** Removes every thread of a purged user. */
    public Mono<Long> purge(ObjectId user) {
        return Mono.from(threads.deleteMany(Filters.eq("user", user))).map(result -> result.getDeletedCount());
    }

    /** Hashes of every message id named in the headers; a header may hold several ids. */
    static List<String> hashes(String messageId, String inReplyTo, List<String> references) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> headers = new ArrayList<>();
        headers.add(messageId);
        headers.add(inReplyTo);
        if (references != null) {
            headers.addAll(references);
        }
        for (String header : headers) {
            if (header == null) {
                continue;
            }
            for (String token : header.split("[\\s,]+")) {
                String id = token.replaceAll("^<|>$", "").strip();
                if (!id.isEmpty()) {
                    ids.add(hash(id));
                }
            }
        }
        return List.copyOf(ids);
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
