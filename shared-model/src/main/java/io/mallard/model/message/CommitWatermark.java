package io.mallard.model.message;

import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.mailbox.DuplicateKey;
import io.mallard.model.mailbox.MailboxException;
import io.mallard.model.mailbox.MailboxStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The highest UID a session may report, such that no message with a lower UID can appear later.
 *
 * <p>Why: UIDs are allocated before the message is written, so with several writers UID 7 can be
 * committed while UID 6 is still in flight. A client told about 7 assumes it knows everything
 * below (RFC 3501 2.3.1.1: UIDs are strictly ascending; RFC 7162 QRESYNC and UIDNEXT-based sync
 * rely on it) and would never learn of 6.
 *
 * <p>The rule: the watermark is the end of the contiguous run of written UIDs above the
 * mailbox's stored {@code visibleUid}, never past {@code uidNext - 1}. A missing UID in the run is
 * either still in flight, or abandoned (its writer crashed, or the embedded store handed the same
 * number to two writers and one retried with a fresh one). Every UID below {@code uidNext} was
 * allocated before {@code uidNext} was read, so the mailbox keeps a checkpoint
 * {@code {below: uidNext, at: time}}; once the checkpoint is older than the lease, every UID below
 * it that is still missing is fenced: a tombstone document ({@code abandoned: true}) is inserted
 * under the same unique {@code {mailbox, uid}} index, so a writer that turns up later gets a
 * duplicate-key error and allocates again above the watermark. Fencing is therefore enforced by
 * the server, not by clocks; clocks (of the observers only) decide just when a gap is given up.
 * The watermark only grows and is stored with {@code $max} so that later walks start from it.
 *
 * <p>Expunged and moved-away messages leave a tombstone too, and so does a writer that took a UID
 * and then had nothing to write (a MOVE that lost its message, a failed insert), so none of these
 * open a gap; only a crashed writer or a repeated allocation does.
 *
 * <p>Cost: a gap delays new mail by at most two leases. Reads must go to the primary.
 */
public final class CommitWatermark {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(3);
    /** Long after any writer has given up; then the tombstone only costs space. */
    static final Duration TOMBSTONE_LIFETIME = Duration.ofDays(1);
    private static final int FENCING_ROUNDS = 2;

    private final MongoCollection<Document> mailboxes;
    private final MongoCollection<Document> messages;
    private final long leaseMillis;

    public CommitWatermark(MongoDatabase database, Duration lease) {
        this.mailboxes = database.getCollection(MailboxStore.COLLECTION.name());
        this.messages = database.getCollection(MessageStore.COLLECTION.name());
        this.leaseMillis = lease.toMillis();
    }

    public Mono<Long> visibleUpTo(ObjectId mailbox) {
        return walk(mailbox, FENCING_ROUNDS);
    }

    private Mono<Long> walk(ObjectId mailbox, int roundsLeft) {
        return Mono.from(mailboxes.find(Filters.eq("_id", mailbox))
                        .projection(Projections.include("uidNext", "visibleUid", "checkpoint")).first())
                .switchIfEmpty(Mono.error(() -> new MailboxException(MailboxException.Code.NONEXISTENT, "No such mailbox: " + mailbox)))
                .flatMap(state -> {
                    long visible = Message.number(state, "visibleUid");
                    long next = Message.number(state, "uidNext");
                    if (visible >= next - 1) {
                        return Mono.just(visible);
                    }
                    return writtenBetween(mailbox, visible, next).flatMap(uids -> {
                        long run = contiguous(visible, uids);
                        if (run >= next - 1) {
                            return advance(mailbox, visible, run);
                        }
                        Document checkpoint = state.get("checkpoint", Document.class);
                        long now = System.currentTimeMillis();
                        boolean matured = checkpoint != null && now - Message.number(checkpoint, "at") >= leaseMillis;
                        if (matured && run + 1 < Message.number(checkpoint, "below") && roundsLeft > 0) {
                            return fence(mailbox, run, Message.number(checkpoint, "below"), uids)
                                    .then(moveCheckpoint(mailbox, checkpoint, next, now))
                                    .then(Mono.defer(() -> walk(mailbox, roundsLeft - 1)));
                        }
                        Mono<Void> mark = checkpoint == null || matured ? moveCheckpoint(mailbox, checkpoint, next, now) : Mono.empty();
                        return mark.then(advance(mailbox, visible, run));
                    });
                });
    }

    /** UIDs present (messages and tombstones) strictly between the two bounds. */
    private Mono<Set<Long>> writtenBetween(ObjectId mailbox, long above, long below) {
        return Flux.from(messages.find(Filters.and(Filters.eq("mailbox", mailbox), Filters.gt("uid", above), Filters.lt("uid", below)))
                        .projection(Projections.include("uid")).sort(Sorts.ascending("uid")))
                .map(d -> Message.number(d, "uid"))
                .collect(HashSet::new, Set::add);
    }

    private static long contiguous(long from, Set<Long> uids) {
        long run = from;
        while (uids.contains(run + 1)) {
            run++;
        }
        return run;
    }

    private Mono<Void> fence(ObjectId mailbox, long run, long below, Set<Long> written) {
        List<Long> missing = LongStream.range(run + 1, below).filter(uid -> !written.contains(uid)).boxed().toList();
        return Flux.fromIterable(missing)
                .flatMap(uid -> Mono.from(messages.insertOne(tombstone(mailbox, uid)))
                        // The writer got there first: the UID is now committed, which is just as good.
                        .onErrorResume(DuplicateKey::is, e -> Mono.empty()), 8)
                .then();
    }

    /**
     * Holds a UID that has no message: abandoned, or expunged or moved away before the watermark
     * passed it. Keeping the UID occupied both fences late writers and keeps gaps out of the walk.
     */
    static Document tombstone(ObjectId mailbox, long uid) {
        return new Document("mailbox", mailbox).append("uid", uid).append("abandoned", true)
                .append("expiresAt", new Date(System.currentTimeMillis() + TOMBSTONE_LIFETIME.toMillis()));
    }

    /** Records that every UID below {@code next} has been allocated by {@code now}; first writer wins. */
    private Mono<Void> moveCheckpoint(ObjectId mailbox, Document previous, long next, long now) {
        var unchanged = previous == null ? Filters.exists("checkpoint", false) : Filters.eq("checkpoint.at", previous.get("at"));
        return Mono.from(mailboxes.updateOne(Filters.and(Filters.eq("_id", mailbox), unchanged),
                Updates.set("checkpoint", new Document("below", next).append("at", now)))).then();
    }

    private Mono<Long> advance(ObjectId mailbox, long stored, long run) {
        return run == stored ? Mono.just(run)
                : Mono.from(mailboxes.updateOne(Filters.eq("_id", mailbox), Updates.max("visibleUid", run))).thenReturn(run);
    }
}
