package io.mallard.imap.session;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.model.journal.ChangeCommand;
import io.mallard.model.journal.ChangeEvent;
import io.mallard.model.journal.Journal;
import io.mallard.model.message.MessageFields;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Changes from the user's feed (journal + Redis, so from every instance, the API and LMTP) waiting
 * to be told to the client, at the moments RFC 9051 §7.4.1/§7.5.1 allow (NOOP, IDLE, after commands
 * that may report them).
 *
 * <p>The feed only wakes the session. What it reports it reads from the journal: every entry of the
 * selected mailbox between the MODSEQ it last reported up to and {@code Journal.completeUpTo}, in
 * MODSEQ order. So each change is told once, none is skipped when changes commit out of order, and
 * afterwards every change up to that MODSEQ has been told (RFC 7162 HIGHESTMODSEQ). If entries of
 * that range have expired, it catches up from the messages instead ({@link Resync#catchUp}). New
 * messages are reported only up to the UID watermark ({@code MessageStore.visibleUpTo}), so that
 * UIDs reach the client in ascending order.
 */
final class ChangeQueue {

    /** How soon to look again for a change a watermark still hides (a gap waits for its lease). */
    private static final Duration RETRY = Duration.ofMillis(500);
    /** Beyond this many entries, catching up from the messages is cheaper than reading the journal. */
    private static final long MAX_ENTRIES = 10_000;
    /** What moves a mailbox's MODSEQ for its messages; DELETE carries no MODSEQ of the mailbox's own. */
    private static final Set<ChangeCommand> MESSAGE_CHANGES = EnumSet.of(ChangeCommand.EXISTS, ChangeCommand.EXPUNGE,
            ChangeCommand.FLAGS);

    private final ImapConnection connection;
    private final Queue<ChangeEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean reporting = new AtomicBoolean();
    private volatile boolean live;
    private volatile Mono<Void> running = Mono.empty();
    private volatile long newestAnnounced;
    private volatile long newestModseq;
    private Disposable feed;

    ChangeQueue(ImapConnection connection) {
        this.connection = connection;
    }

    void follow(Flux<ChangeEvent> changes) {
        feed = changes.subscribe(event -> {
            events.add(event);
            if (live) {
                reportLive(false);
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
        newestModseq = 0;
    }

    void startLive() {
        live = true;
        reportLive(true);
    }

    /** Ends live reporting; completes once a report in flight is written, so the map is ours again. */
    Mono<Void> stopLive() {
        live = false;
        return running;
    }

    private void reportLive(boolean pull) {
        if (reporting.compareAndSet(false, true)) {
            Mono<Void> report = report(pull).onErrorResume(e -> Mono.empty()).doFinally(s -> {
                reporting.set(false);
                if (live && (!events.isEmpty() || hidden() || behind())) {
                    Mono.delay(events.isEmpty() ? RETRY : Duration.ZERO).subscribe(t -> reportLive(false));
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

    private boolean behind() {
        SelectedMailbox selected = connection.selected();
        return selected != null && newestModseq > selected.syncedModseq();
    }

    /** @param pull read the journal even when the feed has announced nothing (NOOP, IDLE start) */
    Mono<Void> report(boolean pull) {
        SelectedMailbox selected = connection.selected();
        for (ChangeEvent event; (event = events.poll()) != null;) {
            if (selected == null || !event.mailbox().equals(selected.id())) {
                continue;
            }
            if (event.command() == ChangeCommand.EXISTS) {
                newestAnnounced = Math.max(newestAnnounced, event.uid());
            }
            if (MESSAGE_CHANGES.contains(event.command())) {
                newestModseq = Math.max(newestModseq, event.modseq());
            }
        }
        if (selected == null) {
            return Mono.empty();
        }
        // New messages first: they need no journal read, and EXISTS must not wait for one.
        return announceNew(selected).then(Mono.defer(() -> pull || behind() ? pull(selected) : Mono.empty()))
                .then(Mono.defer(() -> announceNew(selected)));
    }

    private Mono<Void> pull(SelectedMailbox selected) {
        Journal journal = connection.services().storage().journal();
        long from = selected.syncedModseq();
        Expunges expunges = new Expunges(connection, selected);
        return journal.completeUpTo(selected.id()).flatMap(upTo -> {
            if (upTo <= from) {
                return Mono.<Void>empty();
            }
            Mono<Void> told = upTo - from > MAX_ENTRIES ? new Resync(connection, selected).catchUp(from, expunges)
                    : journal.between(selected.id(), from, upTo).collectList().flatMap(entries -> entries.size() < upTo - from
                            ? new Resync(connection, selected).catchUp(from, expunges)
                            : Mono.fromRunnable(() -> entries.forEach(entry -> tell(entry, selected, expunges))));
            return told.then(Mono.fromRunnable(() -> {
                expunges.flush();
                selected.synced(upTo);
            }));
        });
    }

    private void tell(ChangeEvent entry, SelectedMailbox selected, Expunges expunges) {
        if (entry.command() == ChangeCommand.EXISTS) {
            newestAnnounced = Math.max(newestAnnounced, entry.uid());
        } else if (entry.command() == ChangeCommand.EXPUNGE) {
            expunges.expunged(entry.uid());
        } else if (entry.command() == ChangeCommand.FLAGS && selected.contains(entry.uid())
                && !selected.alreadyReported(entry.uid(), entry.modseq())) {
            expunges.flush();
            connection.sendFlags(selected, entry.uid(), entry.flags(), entry.modseq(), true, true);
        }
    }

    private Mono<Void> announceNew(SelectedMailbox selected) {
        if (!hidden()) {
            return Mono.empty();
        }
        int before = selected.exists();
        return connection.services().storage().listing().range(selected.id(), selected.lastUid() + 1, Long.MAX_VALUE, MessageFields.NONE)
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
