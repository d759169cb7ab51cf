package io.mallard.imap.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.model.journal.ChangeEvent;
import io.mallard.model.journal.ChangeCommand;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Changes from the user's feed (journal + Redis, so from every instance, the API and LMTP) waiting
 * to be told to the client. They are reported only at the moments RFC 9051 §7.4.1/§7.5.1 allow
 * (NOOP, IDLE, after commands that may report them), and new messages only up to the visibility
 * watermark ({@code MessageStore.visibleUpTo}), so that UIDs reach the client in ascending order.
 */
final class ChangeQueue {

    /** How soon to look again for a message the watermark still hides (a gap waits for its lease). */
    private static final Duration RETRY = Duration.ofMillis(500);

    private final ImapConnection connection;
    private final Queue<ChangeEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean reporting = new AtomicBoolean();
    private volatile boolean live;
    private volatile Mono<Void> running = Mono.empty();
    private volatile long newestAnnounced;
    private Disposable feed;

    ChangeQueue(ImapConnection connection) {
        this.connection = connection;
    }

    void follow(Flux<ChangeEvent> changes) {
        feed = changes.subscribe(event -> {
            events.add(event);
            if (live) {
                reportLive();
            }
        }, error -> { });
    }

    /** A message this session itself placed in the selected mailbox; the next report tells of it. */
    void arrived(long uid) {
        newestAnnounced = Math.max(newestAnnounced, uid);
    }

    void clear() {
        events.clear();
        newestAnnounced = 0;
    }

    void startLive() {
        live = true;
        reportLive();
    }

    /** Ends live reporting; completes once a report in flight is written, so the map is ours again. */
    Mono<Void> stopLive() {
        live = false;
        return running;
    }

    private void reportLive() {
        if (reporting.compareAndSet(false, true)) {
            Mono<Void> report = report().onErrorResume(e -> Mono.empty()).doFinally(s -> {
                reporting.set(false);
                if (live && (!events.isEmpty() || hidden())) {
                    Mono.delay(events.isEmpty() ? RETRY : Duration.ZERO).subscribe(t -> reportLive());
                }
            }).cache();
            running = report;
            report.subscribe();
        }
    }

    private boolean hidden() {
        SelectedMailbox selected = connection.selected();
        return selected != null && newestAnnounced > selected.lastUid();
    }

    Mono<Void> report() {
        SelectedMailbox selected = connection.selected();
        List<ChangeEvent> drained = new ArrayList<>();
        for (ChangeEvent event; (event = events.poll()) != null;) {
            drained.add(event);
        }
        if (selected == null) {
            return Mono.empty();
        }
        for (ChangeEvent event : drained) {
            if (!event.mailbox().equals(selected.id())) {
                continue;
            }
            if (event.command() == ChangeCommand.EXPUNGE) {
                int sequence = selected.expunged(event.uid());
                if (sequence > 0) {
                    connection.send(Response.Data.of(Value.atom(sequence), Value.atom("EXPUNGE")));
                }
            } else if (event.command() == ChangeCommand.FLAGS) {
                int sequence = selected.sequenceOf(event.uid());
                if (sequence > 0 && !selected.alreadyReported(event.uid(), event.modseq())) {
                    connection.send(Response.Data.of(Value.atom(sequence), Value.atom("FETCH"), Value.list(List.of(
                            Value.atom("UID"), Value.atom(event.uid()), Value.atom("FLAGS"), Value.atoms(event.flags())))));
                }
            } else if (event.command() == ChangeCommand.EXISTS) {
                newestAnnounced = Math.max(newestAnnounced, event.uid());
            }
        }
        if (!hidden()) {
            return Mono.empty();
        }
        int before = selected.exists();
        return connection.services().storage().listing().range(selected.id(), selected.lastUid() + 1, Long.MAX_VALUE)
                .doOnNext(message -> selected.added(message.uid()))
                .then(Mono.fromRunnable(() -> {
                    if (selected.exists() != before) {
                        connection.send(Response.Data.of(Value.atom(selected.exists()), Value.atom("EXISTS")));
                    }
                }));
    }

    void close() {
        if (feed != null) {
            feed.dispose();
        }
    }
}
