package io.mallard.imap.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.SequenceSet;
import io.mallard.imap.codec.Value;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageFields;
import reactor.core.publisher.Mono;

/**
 * What a client coming back with a HIGHESTMODSEQ has missed (RFC 7162 §3.2.5.2 SELECT QRESYNC,
 * §3.2.6 UID FETCH VANISHED): the UIDs expunged since, as {@code VANISHED (EARLIER)}, and the flags
 * of the messages changed since. Only UIDs the session does not hold count as vanished: one it
 * still holds is reported as an expunge of its own when the session next reports changes.
 */
public final class Resync {

    private static final SequenceSet ALL = SequenceSet.parse("1:*");

    private final ImapConnection connection;
    private final SelectedMailbox selected;
    private final MailStorage storage;

    public Resync(ImapConnection connection, SelectedMailbox selected) {
        this.connection = connection;
        this.selected = selected;
        this.storage = connection.services().storage();
    }

    /**
     * {@code VANISHED (EARLIER)} for the UIDs of {@code known} ({@code *} being the highest UID the
     * session holds) expunged after {@code since}. When the expunge records no longer reach back
     * that far, every UID of {@code known} above {@code floorUid} and below UIDNEXT that the session
     * does not hold is reported instead (§3.2.5.2; §3.2.6 "as if it was requested to report all
     * expunged messages").
     */
    public Mono<Void> vanishedEarlier(SequenceSet known, long since, long floorUid) {
        long star = selected.lastUid();
        return storage.expunged().since(selected.id(), since).doOnNext(vanished -> {
            String set = vanished.complete()
                    ? SequenceSet.compact(vanished.uids().stream()
                            .filter(uid -> known.contains(uid, star) && !selected.contains(uid)).toList())
                    : absent(known, floorUid, star, selected.uidNext() - 1);
            if (!set.isEmpty()) {
                connection.send(Response.Data.of(Value.atom("VANISHED"), Value.list(List.of(Value.atom("EARLIER"))),
                        Value.atom(set)));
            }
        }).then();
    }

    /** {@code FETCH (UID FLAGS MODSEQ)} for every message of {@code known} the session holds that changed after {@code since}. */
    public Mono<Void> changed(SequenceSet known, long since) {
        return storage.listing().changedSince(selected.id(), since)
                .filter(message -> selected.contains(message.uid()) && known.contains(message.uid(), selected.lastUid()))
                .doOnNext(message -> connection.sendFlags(selected, message.uid(), message.flags(), message.modseq(), true, true))
                .then();
    }

    /**
     * The session's own catch-up when the journal no longer holds every change since it last
     * reported (entries expire): expunges from the expunge records (or, past their retention, by
     * comparing UIDs), then flags of what changed.
     */
    Mono<Void> catchUp(long since, Expunges expunges) {
        return storage.expunged().since(selected.id(), since)
                .flatMap(vanished -> vanished.complete() ? Mono.just(vanished.uids()) : gone())
                .doOnNext(uids -> {
                    uids.forEach(expunges::expunged);
                    expunges.flush();
                })
                .then(Mono.defer(() -> changed(ALL, since)));
    }

    private Mono<List<Long>> gone() {
        return storage.listing().range(selected.id(), 1, selected.lastUid(), MessageFields.NONE).map(Message::uid)
                .collect(HashSet<Long>::new, Set::add)
                .map(present -> selected.uids().stream().filter(uid -> !present.contains(uid)).toList());
    }

    /** The UIDs of {@code known} in {@code (floorUid, maxUid]} the session does not hold, as ranges. */
    private String absent(SequenceSet known, long floorUid, long star, long maxUid) {
        List<long[]> wanted = new ArrayList<>();
        for (SequenceSet.Range range : known.ranges()) {
            long low = Math.max(range.low(star), floorUid + 1);
            long high = Math.min(range.high(star), maxUid);
            if (low <= high) {
                wanted.add(new long[] {low, high});
            }
        }
        wanted.sort(Comparator.comparingLong(r -> r[0]));
        List<Long> held = selected.uids();
        List<SequenceSet.Range> gaps = new ArrayList<>();
        long next = 1;
        for (long[] range : wanted) {
            long from = Math.max(range[0], next);
            int index = Collections.binarySearch(held, from);
            index = index < 0 ? -index - 1 : index;
            for (; index < held.size() && held.get(index) <= range[1]; index++) {
                if (held.get(index) > from) {
                    gaps.add(new SequenceSet.Range(from, held.get(index) - 1));
                }
                from = held.get(index) + 1;
            }
            if (from <= range[1]) {
                gaps.add(new SequenceSet.Range(from, range[1]));
            }
            next = Math.max(next, range[1] + 1);
        }
        return new SequenceSet(gaps).text();
    }
}
