package io.mallard.model.outbound;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Drains the outbound queue into the SMTP relay: claims one due row at a time, sends it, and
 * deletes it only once the relay said 250. A failure reschedules the row with exponential
 * back-off, so a relay outage delays mail but loses none; any instance may run a worker.
 */
public final class OutboundWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboundWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofHours(4);
    private static final int ROUND = 1000;
    /** With the back-off capped at 4 h, about three days of trying. */
    private static final int MAX_ATTEMPTS = 25;

    private final OutboundQueue queue;
    private final SmtpRelay relay;
    private final Clock clock;
    private final Duration poll;
    private final Duration firstRetry;
    private Disposable running;

    public OutboundWorker(OutboundQueue queue, SmtpRelay relay, Clock clock, Duration poll, Duration firstRetry) {
        this.queue = queue;
        this.relay = relay;
        this.clock = clock;
        this.poll = poll;
        this.firstRetry = firstRetry;
    }

    public void start() {
        running = Flux.interval(poll, poll)
                .onBackpressureDrop()
                .concatMap(tick -> drain(), 1)
                .subscribe();
    }

    /** Sends due rows until none is left or a round's worth went; errors end this round only. */
    private Mono<Void> drain() {
        return drain(ROUND).onErrorResume(error -> {
            log.warn("outbound queue round failed", error);
            return Mono.empty();
        });
    }

    private Mono<Void> drain(int left) {
        if (left == 0) {
            return Mono.empty();
        }
        return queue.claim(LEASE).flatMap(message -> attempt(message).then(Mono.defer(() -> drain(left - 1))));
    }

    private Mono<Boolean> attempt(OutboundMessage message) {
        return Mono.fromCallable(() -> {
                    relay.send(message);
                    return true;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(sent -> queue.remove(message.id()))
                .onErrorResume(error -> {
                    if (message.attempts() + 1 >= MAX_ATTEMPTS) {
                        // Days of failures: a permanent problem. Dropped loudly (no bounce is generated yet).
                        log.error("outbound {} to {} given up after {} attempts: {}", message.id(), message.recipients(),
                                MAX_ATTEMPTS, error.toString());
                        return queue.remove(message.id());
                    }
                    Duration wait = backoff(message.attempts());
                    log.info("outbound {} to {} failed (attempt {}), retry in {}: {}", message.id(),
                            message.recipients(), message.attempts() + 1, wait, error.toString());
                    return queue.retryAt(message.id(), clock.instant().plus(wait)).thenReturn(false);
                });
    }

    private Duration backoff(int attempts) {
        Duration wait = firstRetry.multipliedBy(1L << Math.min(attempts, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    @Override
    public void close() {
        if (running != null) {
            running.dispose();
        }
    }
}
