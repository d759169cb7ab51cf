package io.mallard.model.authlog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.expiry.ExpiryIndex;
import io.mallard.model.store.IndexedCollection;
import io.mallard.model.user.UserOwned;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code authlog} collection: every authentication attempt, kept for a retention period
 * (30 days by default) through an {@code expiresAt} TTL index, which the expiry sweeper honours
 * on the embedded store.
 */
public final class AuthLog implements UserOwned {

    public static final String COLLECTION = "authlog";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    /**
     * {@code (user, created)} serves the per-user history; {@code expiresAt} is the TTL index.
     * Shard key {@code user}: the history query stays on one shard. Attempts for unknown users
     * have no user and all land in the null chunk; that is bounded by the retention and by the
     * per-IP rate limits.
     */
    public static final IndexedCollection INDEXES = new IndexedCollection(COLLECTION, List.of(
            new IndexModel(Indexes.compoundIndex(Indexes.ascending("user"), Indexes.descending("created"))),
            ExpiryIndex.model()),
            "user");

    private final MongoCollection<Document> log;
    private final Duration retention;
    private final Clock clock;

    public AuthLog(MongoDatabase database, Duration retention, Clock clock) {
        this.log = database.getCollection(COLLECTION);
        this.retention = retention;
        this.clock = clock;
    }

    /** Writes one attempt, stamped when subscribed and expiring after the retention. */
    public Mono<AuthEvent> record(ObjectId user, String username, String ip, String scope, AuthOutcome result,
            String credential, ObjectId appPassword) {
        return Mono.defer(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            AuthEvent event = new AuthEvent(new ObjectId(), user, username, ip, scope, result, credential, appPassword,
                    now, now.plus(retention));
            Document document = new Document("_id", event.id())
                    .append("user", user)
                    .append("username", username)
                    .append("ip", ip)
                    .append("scope", scope)
                    .append("result", result.name().toLowerCase(Locale.ROOT))
                    .append("credential", credential)
                    .append("asp", appPassword)
                    .append("created", Date.from(now))
                    .append("expiresAt", Date.from(event.expiresAt()));
            return Mono.from(log.insertOne(document)).thenReturn(event);
        });
    }

    /**
     * A user's attempts in {@code [from, to)}, newest first; attempts of the same millisecond by
     * their ids, which grow in the order this process made them.
     */
    public Flux<AuthEvent> forUser(ObjectId user, Instant from, Instant to, int limit) {
        return Flux.from(log.find(Filters.and(Filters.eq("user", user),
                                Filters.gte("created", Date.from(from)), Filters.lt("created", Date.from(to))))
                        .sort(Sorts.descending("created", "_id"))
                        .limit(limit))
                .map(AuthLog::fromDocument);
    }

    /** A purged user's history goes with it rather than waiting out the retention. */
    @Override
    public Mono<Long> purge(ObjectId user) {
        return Mono.from(log.deleteMany(Filters.eq("user", user))).map(result -> result.getDeletedCount());
    }

    private static AuthEvent fromDocument(Document document) {
        return new AuthEvent(document.getObjectId("_id"), document.getObjectId("user"), document.getString("username"),
                document.getString("ip"), document.getString("scope"),
                AuthOutcome.valueOf(document.getString("result").toUpperCase(Locale.ROOT)),
                document.getString("credential"), document.getObjectId("asp"),
                document.getDate("created").toInstant(), document.getDate("expiresAt").toInstant());
    }
}
