package io.mallard.model.journal;

import reactor.core.publisher.Flux;

/** One session's view of its user's changes; close it when the session ends. */
public final class ChangeSubscription implements AutoCloseable {

    private final Flux<ChangeEvent> events;
    private final Runnable release;

    ChangeSubscription(Flux<ChangeEvent> events, Runnable release) {
        this.events = events;
        this.release = release;
    }

    /** Changes in journal order per mailbox, from the moment the subscription was opened. */
    public Flux<ChangeEvent> events() {
        return events;
    }

    @Override
    public void close() {
        release.run();
    }
}
