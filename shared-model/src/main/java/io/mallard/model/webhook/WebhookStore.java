package io.mallard.model.webhook;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.store.IdPages;
import io.mallard.model.store.IndexedCollection;
import io.mallard.model.user.UserOwned;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code webhooks} collection: few documents, read by event type on every event. */
public final class WebhookStore implements UserOwned {

    /** Matched by type on every event; listed per user by id. Small: unsharded. */
    public static final IndexedCollection COLLECTION = new IndexedCollection("webhooks", List.of(
            new IndexModel(Indexes.ascending("type")),
            new IndexModel(Indexes.ascending("user", "_id"))), null);

    private final MongoCollection<Document> webhooks;
    private final Clock clock;

    public WebhookStore(MongoDatabase database, Clock clock) {
        this.webhooks = database.getCollection(COLLECTION.name());
        this.clock = clock;
    }

    public Mono<Webhook> create(List<String> types, ObjectId user, String url, String secret) {
        Webhook webhook = new Webhook(new ObjectId(), types, user, url, secret,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return Mono.from(webhooks.insertOne(new Document("_id", webhook.id()).append("type", webhook.types())
                        .append("user", user).append("url", url).append("secret", secret)
                        .append("created", Date.from(webhook.created()))))
                .thenReturn(webhook);
    }

    public Mono<Webhook> get(ObjectId id) {
        return Mono.from(webhooks.find(Filters.eq("_id", id)).first()).map(WebhookStore::of);
    }

    public Mono<Boolean> delete(ObjectId id) {
        return Mono.from(webhooks.deleteOne(Filters.eq("_id", id))).map(result -> result.getDeletedCount() == 1);
    }

    /** A deleted user's own webhooks; those for every user stay. */
    @Override
    public Mono<Long> purge(ObjectId user) {
        return Mono.from(webhooks.deleteMany(Filters.eq("user", user))).map(result -> result.getDeletedCount());
    }

    /**
     * The webhooks that want {@code event}: one of its patterns, for its user or for every user,
     * and created no later than the event happened: a new webhook gets no history.
     */
    public Flux<Webhook> matching(WebhookEvent event) {
        Bson byType = Filters.and(Filters.in("type", event.patterns()), Filters.lte("created", Date.from(event.time())));
        Bson filter = event.user() == null ? Filters.and(byType, Filters.eq("user", null))
                : Filters.and(byType, Filters.in("user", Arrays.asList(event.user(), null)));
        return Flux.from(webhooks.find(filter)).map(WebhookStore::of);
    }

    /** Whether any webhook wants events of {@code family} ({@code message}, say) at all. */
    public Mono<Boolean> anyFor(String family) {
        return Mono.from(webhooks.find(Filters.regex("type", "^(\\*$|" + Pattern.quote(family) + "\\.)")).first())
                .map(found -> true)
                .defaultIfEmpty(false);
    }

    /**
     * Up to {@code limit} webhooks beyond {@code after} in id order (before it when
     * {@code backwards}), returned in id order.
     *
     * @param user only this user's, or all when {@code null}
     * @param type only those naming exactly this type or pattern, or all when {@code null}
     */
    public Flux<Webhook> page(ObjectId user, String type, ObjectId after, boolean backwards, int limit) {
        List<Bson> conditions = new ArrayList<>();
        if (user != null) {
            conditions.add(Filters.eq("user", user));
        }
        if (type != null) {
            conditions.add(Filters.eq("type", type));
        }
        return IdPages.read(webhooks, conditions.isEmpty() ? new Document() : Filters.and(conditions), after, true,
                backwards, limit).map(WebhookStore::of);
    }

    private static Webhook of(Document d) {
        return new Webhook(d.getObjectId("_id"), d.getList("type", String.class), d.getObjectId("user"),
                d.getString("url"), d.getString("secret"), d.getDate("created").toInstant());
    }
}
