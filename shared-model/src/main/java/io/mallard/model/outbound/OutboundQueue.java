package io.mallard.model.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.bson.BsonBinary;
import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.store.IndexedCollection;
import reactor.core.publisher.Mono;

/**
 * The durable queue of mail leaving Mallard (forwards, autoreplies), in MongoDB so that a relay
 * outage or a killed instance loses nothing: a message is acknowledged to its sender only once
 * it is queued here, and leaves the queue only once the relay accepted it.
 */
public final class OutboundQueue {

    /** Small: rows live until the relay takes them. The raw bytes are inline, so a row stays under 16 MB. */
    public static final IndexedCollection COLLECTION = new IndexedCollection("outbound",
            List.of(new IndexModel(Indexes.ascending("nextAttempt"))), null);

    /** Largest message a row can hold next to its envelope within MongoDB's 16 MiB document limit. */
    public static final int MAX_RAW = 15 * 1024 * 1024;

    private final MongoCollection<Document> queue;
    private final Clock clock;

    public OutboundQueue(MongoDatabase database, Clock clock) {
        this.queue = database.getCollection(COLLECTION.name());
        this.clock = clock;
    }

    /** Queues a message for immediate sending; the returned id names the row. */
    public Mono<ObjectId> enqueue(String sender, List<String> recipients, byte[] raw, String origin, ObjectId user) {
        if (raw.length > MAX_RAW) {
            return Mono.error(new IllegalArgumentException("message too large to queue: " + raw.length));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ObjectId id = new ObjectId();
        Document row = new Document("_id", id).append("sender", sender).append("recipients", recipients)
                .append("raw", new BsonBinary(raw)).append("origin", origin).append("user", user)
                .append("attempts", 0).append("nextAttempt", Date.from(now)).append("created", Date.from(now));
        return Mono.from(queue.insertOne(row)).thenReturn(id);
    }

    /**
     * Takes the oldest due message for {@code lease}: its next attempt moves past the lease in one
     * atomic update, so concurrent instances never send one row twice at once, and a sender that
     * dies mid-send leaves the row to be retried once the lease ran out.
     */
    public Mono<OutboundMessage> claim(Duration lease) {
        Instant now = clock.instant();
        return Mono.from(queue.findOneAndUpdate(Filters.lte("nextAttempt", Date.from(now)),
                        Updates.set("nextAttempt", Date.from(now.plus(lease))),
                        new FindOneAndUpdateOptions().sort(Sorts.ascending("nextAttempt"))))
                .map(OutboundQueue::fromDocument);
    }

    /** The relay accepted it, or the sender gave up on it: gone from the queue. */
    public Mono<Boolean> remove(ObjectId id) {
        return Mono.from(queue.deleteOne(Filters.eq("_id", id))).map(result -> result.getDeletedCount() == 1);
    }

    /** The relay failed temporarily: try again at {@code next}. */
    public Mono<Void> retryAt(ObjectId id, Instant next) {
        return Mono.from(queue.updateOne(Filters.eq("_id", id), new Document("$inc", new Document("attempts", 1))
                        .append("$set", new Document("nextAttempt", Date.from(next)))))
                .then();
    }

    private static OutboundMessage fromDocument(Document row) {
        return new OutboundMessage(row.getObjectId("_id"), row.getString("sender"),
                row.getList("recipients", String.class), row.get("raw", BsonBinary.class).getData(), row.getString("origin"),
                row.getObjectId("user"), row.getInteger("attempts", 0), row.getDate("nextAttempt").toInstant(),
                row.getDate("created").toInstant());
    }
}
