package io.mallard.model.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.expiry.ExpiryIndex;
import io.mallard.model.mailbox.DuplicateKey;
import io.mallard.model.store.IndexedCollection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The durable queue of webhook posts ({@code webhook_deliveries}): publishing an event writes one
 * delivery per matching webhook under {@code <event id>:<webhook id>}, so publishing the same
 * event twice (two instances, a replay) queues it once. Deliveries stay, delivered or given up,
 * for {@link #RETENTION} through the expiry index: long enough that a replayed event finds its
 * earlier delivery and is not posted again.
 */
public final class WebhookQueue {

    public static final Duration RETENTION = Duration.ofDays(7);

    /**
     * Due deliveries are found by {@code (state, nextAttempt)}, a deleted webhook's by
     * {@code (webhook, state)}. Small and short-lived: unsharded.
     */
    public static final IndexedCollection COLLECTION = new IndexedCollection("webhook_deliveries", List.of(
            new IndexModel(Indexes.ascending("state", "nextAttempt")),
            new IndexModel(Indexes.ascending("webhook", "state")),
            ExpiryIndex.model()), null);

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";

    private final MongoCollection<Document> deliveries;
    private final WebhookStore webhooks;
    private final Clock clock;

    public WebhookQueue(MongoDatabase database, WebhookStore webhooks, Clock clock) {
        this.deliveries = database.getCollection(COLLECTION.name());
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Queues the event for every webhook that wants it; emits how many new deliveries that made. */
    public Mono<Long> publish(WebhookEvent event) {
        String body = event.json();
        return webhooks.matching(event)
                .concatMap(webhook -> {
                    Instant now = clock.instant();
                    Document delivery = new Document("_id", event.id() + ":" + webhook.id().toHexString())
                            .append("event", event.id()).append("type", event.type()).append("webhook", webhook.id())
                            .append("url", webhook.url()).append("secret", webhook.secret()).append("body", body)
                            .append("attempts", 0).append("state", PENDING).append("nextAttempt", Date.from(now))
                            .append("created", Date.from(now))
                            .append(ExpiryIndex.FIELD, Date.from(now.plus(RETENTION)));
                    return Mono.from(deliveries.insertOne(delivery)).thenReturn(1L)
                            .onErrorResume(DuplicateKey::is, queued -> Mono.just(0L));
                })
                .reduce(0L, Long::sum);
    }

    /** Up to {@code limit} deliveries whose next attempt is due, the longest waiting first. */
    public Flux<WebhookDelivery> due(int limit) {
        return Flux.from(deliveries.find(Filters.and(Filters.eq("state", PENDING),
                                Filters.lte("nextAttempt", Date.from(clock.instant()))))
                        .sort(Sorts.ascending("nextAttempt")).limit(limit))
                .map(d -> new WebhookDelivery(d.getString("_id"), d.getString("event"), d.getString("type"),
                        d.getObjectId("webhook"), d.getString("url"), d.getString("secret"), d.getString("body"),
                        d.getInteger("attempts", 0)));
    }

    /** The receiver took it. */
    public Mono<Void> delivered(WebhookDelivery delivery, int status) {
        return finish(delivery, DELIVERED, "HTTP " + status);
    }

    /** No more attempts: the receiver is gone or kept failing. */
    public Mono<Void> failed(WebhookDelivery delivery, String outcome) {
        return finish(delivery, FAILED, outcome);
    }

    /** Another attempt at {@code next}. */
    public Mono<Void> retryAt(WebhookDelivery delivery, Instant next, String outcome) {
        return Mono.from(deliveries.updateOne(Filters.eq("_id", delivery.id()), Updates.combine(
                Updates.set("attempts", delivery.attempts() + 1), Updates.set("nextAttempt", Date.from(next)),
                Updates.set("outcome", outcome)))).then();
    }

    /** Gives up every delivery still waiting for a webhook that no longer exists. */
    public Mono<Void> cancel(ObjectId webhook) {
        return Mono.from(deliveries.updateMany(Filters.and(Filters.eq("webhook", webhook), Filters.eq("state", PENDING)),
                Updates.combine(Updates.set("state", FAILED), Updates.set("outcome", "webhook deleted"),
                        Updates.set("finished", Date.from(clock.instant())))))
                .then();
    }

    /** The state of one delivery ({@code pending}, {@code delivered}, {@code failed}) and its attempts, for operators and tests. */
    public Mono<Document> status(String id) {
        return Mono.from(deliveries.find(Filters.eq("_id", id)).first());
    }

    private Mono<Void> finish(WebhookDelivery delivery, String state, String outcome) {
        return Mono.from(deliveries.updateOne(Filters.eq("_id", delivery.id()), Updates.combine(
                Updates.set("attempts", delivery.attempts() + 1), Updates.set("state", state),
                Updates.set("outcome", outcome), Updates.set("finished", Date.from(clock.instant()))))).then();
    }
}
