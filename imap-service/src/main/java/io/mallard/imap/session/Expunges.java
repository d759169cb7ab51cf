package io.mallard.imap.session;

import java.util.ArrayList;
import java.util.List;

import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.SequenceSet;
import io.mallard.imap.codec.Value;
import reactor.core.publisher.Mono;

/**
 * Tells the client which of its messages are gone, the way its session asked: {@code * n EXPUNGE}
 * (RFC 3501 §7.4.1), or once QRESYNC is enabled {@code * VANISHED uids} (RFC 7162 §3.2.10), which
 * collects UIDs until {@link #flush} — before any response that uses message numbers, and at the end.
 */
public final class Expunges {

    private final ImapConnection connection;
    private final SelectedMailbox selected;
    private final List<Long> vanished = new ArrayList<>();
    private boolean any;

    public Expunges(ImapConnection connection, SelectedMailbox selected) {
        this.connection = connection;
        this.selected = selected;
    }

    /** The message with this UID is gone; nothing is said of a UID the client was never told of. */
    public void expunged(long uid) {
        int sequence = selected.expunged(uid);
        if (sequence == 0) {
            return;
        }
        any = true;
        if (connection.qresync()) {
            vanished.add(uid);
        } else {
            connection.send(Response.Data.of(Value.atom(sequence), Value.atom("EXPUNGE")));
        }
    }

    /**
     * Ends an EXPUNGE, UID EXPUNGE or MOVE: flushes, and under QRESYNC, once anything went, reports
     * what else changed meanwhile so that the tagged OK can carry the mailbox's HIGHESTMODSEQ
     * (RFC 7162 §3.2.7, §3.2.9).
     */
    public Mono<Void> finish() {
        flush();
        if (!any || !connection.qresync()) {
            return Mono.empty();
        }
        return connection.reportChanges().then(Mono.fromRunnable(connection::announceModseq));
    }

    public void flush() {
        if (!vanished.isEmpty()) {
            connection.send(Response.Data.of(Value.atom("VANISHED"), Value.atom(SequenceSet.compact(vanished.stream().sorted().toList()))));
            vanished.clear();
        }
    }
}
