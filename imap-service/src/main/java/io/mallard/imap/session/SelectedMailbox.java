package io.mallard.imap.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;

import io.mallard.imap.codec.SequenceSet;

/**
 * The session's view of the selected mailbox: its own UID ↔ sequence number map (RFC 9051 §2.3.1.2),
 * which changes only when the session reports EXISTS or EXPUNGE to its client, never behind the
 * client's back. One command at a time.
 *
 * <p>It also keeps the MODSEQ up to which the session has told its client of every change
 * ({@link #syncedModseq}): the HIGHESTMODSEQ the client may safely resume from. A client takes the
 * highest MODSEQ of the FETCH responses of a command as its new HIGHESTMODSEQ unless the command
 * also brought a HIGHESTMODSEQ response code (RFC 7162 §6); FETCH and STORE answer with MODSEQs
 * read now, which can be above changes not reported yet (an expunge waits for NOOP, another writer
 * is still writing), so such a command ends with {@code [HIGHESTMODSEQ synced]} ({@link #modseqCode}).
 */
public final class SelectedMailbox {

    private final ObjectId id;
    private final boolean readOnly;
    private final List<Long> uids;
    private final Map<Long, Long> flagsReported = new HashMap<>();
    private long uidNext;
    private long synced;
    private long conveyed;
    private long sent;
    private List<Long> saved = List.of();

    /**
     * @param uidNext the UIDNEXT told to the client: every UID below it has been assigned
     * @param synced the HIGHESTMODSEQ read before {@code uids}: every change up to it is in that map
     */
    public SelectedMailbox(ObjectId id, boolean readOnly, List<Long> uids, long uidNext, long synced) {
        this.id = id;
        this.readOnly = readOnly;
        this.uids = new ArrayList<>(uids);
        this.uidNext = Math.max(uidNext, lastUid() + 1);
        this.synced = synced;
        this.conveyed = synced;
    }

    /** UIDNEXT as the client knows it: above every UID the session has told of. */
    public long uidNext() {
        return uidNext;
    }

    /** Every change up to this MODSEQ has been reported to the client. */
    public long syncedModseq() {
        return synced;
    }

    /** Every change up to {@code modseq} has now been reported. */
    void synced(long modseq) {
        synced = Math.max(synced, modseq);
        // No change at or below it will be reported again, so no echo of it needs suppressing.
        flagsReported.values().removeIf(reported -> reported <= synced);
    }

    /**
     * A change this session made itself under {@code modseq}, and told (or, for .SILENT, was told
     * of) by its client. Right above {@link #syncedModseq} nothing lies between, so the session is
     * synced up to it without reading the journal when the feed announces the change.
     */
    public void ownChange(long modseq) {
        if (modseq == synced + 1) {
            synced(modseq);
        }
    }

    /** A FETCH response carried this MODSEQ. */
    public void modseqSent(long modseq) {
        sent = Math.max(sent, modseq);
    }

    /** The client has just been told HIGHESTMODSEQ {@link #syncedModseq} in this command. */
    public void conveyed() {
        conveyed = synced;
        sent = 0;
    }

    /**
     * The HIGHESTMODSEQ response code that ends a command, or {@code null}: needed when a MODSEQ
     * above {@link #syncedModseq} went out, useful when the session has caught up since it last
     * said, and always sent when {@code force} (RFC 7162 §3.2.7 EXPUNGE under QRESYNC).
     */
    String modseqCode(boolean force) {
        boolean needed = force || sent > synced || synced > conveyed;
        sent = 0;
        if (!needed) {
            return null;
        }
        conveyed = synced;
        return "HIGHESTMODSEQ " + synced;
    }

    /** The UIDs the session knows, ascending. */
    public List<Long> uids() {
        return Collections.unmodifiableList(uids);
    }

    public boolean contains(long uid) {
        return sequenceOf(uid) > 0;
    }

    /** The UID at a message number, or 0 beyond the map. */
    public long uidAt(long sequence) {
        return sequence >= 1 && sequence <= uids.size() ? uids.get((int) sequence - 1) : 0;
    }

    public ObjectId id() {
        return id;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public int exists() {
        return uids.size();
    }

    public long lastUid() {
        return uids.isEmpty() ? 0 : uids.get(uids.size() - 1);
    }

    /** The UID at a sequence number from 1 to {@link #exists()}. */
    public long uidAt(int sequence) {
        return uids.get(sequence - 1);
    }

    /** The sequence number of a UID, or 0 when the session does not know it. */
    public int sequenceOf(long uid) {
        int index = Collections.binarySearch(uids, uid);
        return index < 0 ? 0 : index + 1;
    }

    /** This session already told the client the flags a STORE or FETCH gave a message. */
    public void flagsReported(long uid, long modseq) {
        flagsReported.merge(uid, modseq, Math::max);
    }

    /** Whether the feed's news of a flag change is our own, already told; forgets it once asked. */
    boolean alreadyReported(long uid, long modseq) {
        Long reported = flagsReported.get(uid);
        if (reported == null || modseq > reported) {
            return false;
        }
        if (modseq == reported) {
            flagsReported.remove(uid);
        }
        return true;
    }

    /** Records a message the client is about to be told of with EXISTS; UIDs only grow. */
    public void added(long uid) {
        if (uid > lastUid()) {
            uids.add(uid);
            uidNext = Math.max(uidNext, uid + 1);
        }
    }

    /** Forgets an expunged UID and returns the sequence number to report, or 0 if unknown. */
    public int expunged(long uid) {
        int sequence = sequenceOf(uid);
        if (sequence > 0) {
            uids.remove(sequence - 1);
        }
        return sequence;
    }

    /**
     * RFC 5182 §2.1: what {@code $} names from now on, kept as UIDs so that an expunged message
     * drops out of it by itself and sequence numbers are worked out when {@code $} is used.
     */
    public void save(List<Long> uids) {
        saved = uids.stream().sorted().distinct().toList();
    }

    /** Whether {@code $} names this UID. */
    public boolean savedContains(long uid) {
        return Collections.binarySearch(saved, uid) >= 0;
    }

    /**
     * The UIDs a set names, in ascending order. A UID set ignores numbers the session does not know
     * (RFC 9051 §6.4.9); a sequence set beyond EXISTS is the caller's BAD. {@code $} names the saved
     * messages the session still knows, whether the command counts by UID or by sequence number.
     */
    public List<Long> resolve(SequenceSet set, boolean byUid) {
        List<Long> result = new ArrayList<>();
        if (set.saved()) {
            saved.stream().filter(uid -> sequenceOf(uid) > 0).forEach(result::add);
            return result;
        }
        if (byUid) {
            long star = lastUid();
            for (long uid : uids) {
                if (set.contains(uid, star)) {
                    result.add(uid);
                }
            }
            // RFC 9051 §6.4.9: "n:*" always includes the highest UID, even when n is above it.
            if (result.isEmpty() && star > 0 && set.ranges().stream().anyMatch(r -> r.to() == SequenceSet.STAR
                    || r.from() == SequenceSet.STAR)) {
                result.add(star);
            }
            return result;
        }
        for (int sequence = 1; sequence <= uids.size(); sequence++) {
            if (set.contains(sequence, uids.size())) {
                result.add(uids.get(sequence - 1));
            }
        }
        return result;
    }

    /** Whether a sequence set names only existing messages (RFC 9051 §6.4.5: otherwise BAD). */
    public boolean validSequences(SequenceSet set) {
        if (set.saved()) {
            return true;
        }
        long largest = uids.size();
        if (largest == 0) {
            // "1:*" on an empty mailbox names nothing rather than something invalid; clients send it.
            return set.ranges().stream().allMatch(r -> r.to() == SequenceSet.STAR || r.from() == SequenceSet.STAR);
        }
        return set.ranges().stream().allMatch(r -> r.high(largest) <= largest && r.low(largest) >= 1);
    }
}
