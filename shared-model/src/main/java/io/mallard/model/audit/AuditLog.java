package io.mallard.model.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.expiry.ExpiryIndex;
import io.mallard.model.store.IdPages;
import io.mallard.model.store.IndexedCollection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code audit} collection: administrative writes made through the API, kept for a retention
 * period (a year by default) through an {@code expiresAt} TTL index. Listings run newest first by
 * {@code _id}, whose leading seconds are the entry's time, so a time range is an {@code _id} range.
 */
public final class AuditLog {

    public static final String COLLECTION = "audit";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(365);

    /**
     * One index per listing filter, each ending in {@code _id} so that a filtered page is a range
     * scan. Unsharded: admin writes are few next to mail.
     */
    public static final IndexedCollection INDEXES = new IndexedCollection(COLLECTION, List.of(
            new IndexModel(Indexes.ascending("actor.subject", "_id")),
            new IndexModel(Indexes.ascending("actor.token", "_id")),
            new IndexModel(Indexes.ascending("user", "_id")),
            new IndexModel(Indexes.ascending("action", "_id")),
            ExpiryIndex.model()),
            null);

    private final MongoCollection<Document> log;
    private final Duration retention;
    private final Clock clock;

    public AuditLog(MongoDatabase database, Duration retention, Clock clock) {
        this.log = database.getCollection(COLLECTION);
        this.retention = retention;
        this.clock = clock;
    }

    /** Writes one entry, stamped when subscribed; {@code id} and {@code time} of the argument are ignored. */
    public Mono<AuditEntry> record(AuditEntry entry) {
        return Mono.defer(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            AuditEntry stamped = new AuditEntry(new ObjectId(Date.from(now)), now, entry.actor(), entry.method(),
                    entry.route(), entry.targets(), entry.user(), entry.status(), entry.ip(), entry.forwardedFor());
            return Mono.from(log.insertOne(toDocument(stamped).append(ExpiryIndex.FIELD, Date.from(now.plus(retention)))))
                    .thenReturn(stamped);
        });
    }

    /**
     * Up to {@code limit} matching entries older than {@code edge} (newest first), or newer than it
     * when {@code backwards}; returned newest first either way.
     */
    public Flux<AuditEntry> page(AuditQuery query, ObjectId edge, boolean backwards, int limit) {
        List<Bson> conditions = new ArrayList<>();
        if (query.actor() != null) {
            conditions.add(Filters.eq("actor.subject", query.actor()));
        }
        if (query.token() != null) {
            conditions.add(Filters.eq("actor.token", query.token()));
        }
        if (query.user() != null) {
            conditions.add(Filters.eq("user", query.user()));
        }
        if (query.action() != null) {
            conditions.add(Filters.eq("action", query.action()));
        }
        if (query.from() != null) {
            conditions.add(Filters.gte("time", Date.from(query.from())));
        }
        if (query.to() != null) {
            conditions.add(Filters.lt("time", Date.from(query.to())));
        }
        return IdPages.read(log, conditions.isEmpty() ? new Document() : Filters.and(conditions), edge, false,
                backwards, limit).map(AuditLog::fromDocument);
    }

    private static Document toDocument(AuditEntry entry) {
        AuditEntry.Actor actor = entry.actor();
        return new Document("_id", entry.id()).append("time", Date.from(entry.time()))
                .append("actor", new Document("token", actor.token()).append("role", actor.role())
                        .append("subject", actor.subject()).append("user", actor.user()))
                .append("method", entry.method()).append("route", entry.route()).append("action", entry.action())
                .append("targets", new Document(Map.copyOf(entry.targets()))).append("user", entry.user())
                .append("status", entry.status()).append("ip", entry.ip()).append("forwardedFor", entry.forwardedFor());
    }

    private static AuditEntry fromDocument(Document d) {
        Document actor = d.get("actor", Document.class);
        Document targets = d.get("targets", Document.class);
        Map<String, String> targetMap = new LinkedHashMap<>();
        if (targets != null) {
            targets.forEach((key, value) -> targetMap.put(key, String.valueOf(value)));
        }
        return new AuditEntry(d.getObjectId("_id"), d.getDate("time").toInstant(),
                new AuditEntry.Actor(actor.getString("token"), actor.getString("role"), actor.getString("subject"),
                        actor.getObjectId("user")),
                d.getString("method"), d.getString("route"), targetMap, d.getObjectId("user"),
                d.getInteger("status", 0), d.getString("ip"), d.getString("forwardedFor"));
    }
}
