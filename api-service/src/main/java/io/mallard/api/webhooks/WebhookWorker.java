package io.mallard.api.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mallard.model.journal.Journal;
import io.mallard.model.lease.Lease;
import io.mallard.model.webhook.WebhookDelivery;
import io.mallard.model.webhook.WebhookQueue;
import io.mallard.model.webhook.WebhookStore;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Posts webhook deliveries, on one instance at a time: every instance ticks, and a tick does
 * work only while its instance holds the {@code webhooks} lease. The holder first follows the
 * journal, publishing each new mailbox and message change as an event, then posts the due
 * deliveries, retrying failures with exponential back-off up to a bounded number of attempts.
 * Its journal position travels with the lease, so a successor continues where it stopped.
 */
final class WebhookWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);
    static final String LEASE = "webhooks";
    private static final String POSITION = "journal";
    private static final int JOURNAL_PAGE = 500;
    private static final int JOURNAL_PAGES_PER_TICK = 20;
    private static final int DUE_PER_TICK = 100;
    private static final int CONCURRENT_POSTS = 8;

    private final Lease lease;
    private final Journal journal;
    private final WebhookStore webhooks;
    private final WebhookQueue queue;
    private final EventPoster poster;
    private final WebhookProperties settings;
    private final Clock clock;
    /** Journal entries published within the re-read window; touched by one tick at a time. */
    private final NavigableSet<ObjectId> published = new ConcurrentSkipListSet<>();
    private final Scheduler ticks = Schedulers.newSingle("mallard-webhooks", true);
    private Disposable running;

    WebhookWorker(Lease lease, Journal journal, WebhookStore webhooks, WebhookQueue queue, WebhookProperties settings,
            Clock clock) {
        this.lease = lease;
        this.journal = journal;
        this.webhooks = webhooks;
        this.queue = queue;
        this.poster = new EventPoster(settings.timeout());
        this.settings = settings;
        this.clock = clock;
    }

    void start() {
        running = Flux.interval(settings.poll(), ticks)
                .onBackpressureDrop()
                .concatMap(tick -> tick().onErrorResume(failure -> {
                    log.warn("webhook worker tick failed, trying again in {}", settings.poll(), failure);
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    /** One round: nothing unless this instance holds the lease. */
    Mono<Void> tick() {
        return lease.acquire().flatMap(held -> held ? follow().then(deliver()) : Mono.empty());
    }

    /** Publishes journal entries since the last position, re-reading a window behind it. */
    private Mono<Void> follow() {
        Instant now = clock.instant();
        ObjectId windowStart = idAt(now.minus(settings.window()));
        published.headSet(idAt(now.minus(settings.window().multipliedBy(2)))).clear();
        return Mono.zip(webhooks.anyFor("message"), webhooks.anyFor("mailbox"), Boolean::logicalOr)
                .flatMap(wanted -> !wanted
                        // Nobody listens: move on, so a webhook created later gets no history.
                        ? lease.note(POSITION, windowStart).then()
                        : lease.noted(POSITION).ofType(ObjectId.class).defaultIfEmpty(windowStart)
                                .flatMap(position -> read(min(position, windowStart), position, 0))
                                .flatMap(position -> lease.note(POSITION, position))
                                .then());
    }

    /** Reads pages from {@code from}, publishing unseen entries; emits the highest id read. */
    private Mono<ObjectId> read(ObjectId from, ObjectId highest, int pages) {
        return journal.after(from, JOURNAL_PAGE).collectList().flatMap(page -> {
            if (page.isEmpty()) {
                return Mono.just(highest);
            }
            ObjectId last = page.get(page.size() - 1).id();
            Mono<Void> publish = Flux.fromIterable(page)
                    .filter(written -> !published.contains(written.id()))
                    .concatMap(written -> queue.publish(JournalEvents.of(written))
                            .doOnSuccess(queued -> published.add(written.id())))
                    .then();
            boolean more = page.size() == JOURNAL_PAGE && pages + 1 < JOURNAL_PAGES_PER_TICK;
            return publish.then(more ? read(last, max(highest, last), pages + 1) : Mono.just(max(highest, last)));
        });
    }

    private Mono<Void> deliver() {
        return queue.due(DUE_PER_TICK).flatMap(this::attempt, CONCURRENT_POSTS).then();
    }

    private Mono<Void> attempt(WebhookDelivery delivery) {
        return poster.post(delivery)
                .flatMap(status -> {
                    if (status >= 200 && status < 300) {
                        return queue.delivered(delivery, status);
                    }
                    if (status == 410) {
                        // The receiver says it is gone for good: drop the webhook, as WildDuck does.
                        return webhooks.delete(delivery.webhook()).then(queue.failed(delivery, "HTTP 410, webhook removed"))
                                .then(queue.cancel(delivery.webhook()));
                    }
                    return retryOrFail(delivery, "HTTP " + status);
                })
                .onErrorResume(failure -> retryOrFail(delivery, failure.toString()));
    }

    private Mono<Void> retryOrFail(WebhookDelivery delivery, String outcome) {
        if (delivery.attempts() + 1 >= settings.maxAttempts()) {
            log.warn("webhook delivery {} to {} given up after {} attempts: {}", delivery.id(), delivery.url(),
                    delivery.attempts() + 1, outcome);
            return queue.failed(delivery, outcome);
        }
        Duration wait = settings.backoff().multipliedBy(1L << Math.min(delivery.attempts(), 20));
        return queue.retryAt(delivery, clock.instant().plus(wait), outcome);
    }

    /** The lowest id of that second: ids compare by their leading four timestamp bytes first. */
    static ObjectId idAt(Instant instant) {
        return new ObjectId(String.format("%08x%016x", instant.getEpochSecond(), 0));
    }

    private static ObjectId min(ObjectId a, ObjectId b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static ObjectId max(ObjectId a, ObjectId b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public void close() {
        if (running != null) {
            running.dispose();
        }
        ticks.dispose();
        lease.release().subscribe(null, failure -> log.debug("webhook lease not released", failure));
    }
}
