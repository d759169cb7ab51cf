package io.mallard.model.expiry;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs an idempotent sweep every interval until disposed, for the sweepers that clean up on every
 * instance at once ({@link ExpirySweeper}, the purge of deleted users). The timer runs on one
 * dedicated daemon thread and the sweeps are reactive, so no event loop waits; a tick that comes
 * while a sweep is still running is dropped, and a failed sweep is logged and retried on the next
 * tick.
 */
public final class PeriodicSweep implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeriodicSweep.class);

    private final String name;
    private final Scheduler ticks;

    /** @param name what is swept, for the thread name and the log */
    public PeriodicSweep(String name) {
        this.name = name;
        this.ticks = Schedulers.newSingle("mallard-" + name, true);
    }

    /** Starts sweeping; {@code sweep} emits how many items one pass removed. */
    public Disposable start(Duration interval, Supplier<Mono<Long>> sweep) {
        return Flux.interval(interval, ticks)
                .onBackpressureDrop()
                .concatMap(tick -> sweep.get().onErrorResume(e -> {
                    log.warn("{} sweep failed, retrying in {}", name, interval, e);
                    return Mono.empty();
                }), 1)
                .subscribe(swept -> log.debug("{} sweep removed {}", name, swept));
    }

    @Override
    public void close() {
        ticks.dispose();
    }
}
