package io.mallard.model.watermark;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;

import io.mallard.model.mailbox.DuplicateKey;
import io.mallard.model.mailbox.MailboxException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The highest number of a per-mailbox {@link Counter} (UIDs, MODSEQs) such that every number at or
 * below it is either committed or given up, so no change under a lower number can appear later.
 *
 * <p>Why: numbers are allocated before their write, so with several writers number 7 can be
 * committed while 6 is still in flight. A client told about 7 assumes it knows everything below
 * (RFC 3501 2.3.1.1: UIDs are strictly ascending; RFC 7162 3.1.4/3.2: a client resumes with
 * CHANGEDSINCE its highest MODSEQ) and would never learn of 6.
 *
 * <p>The rule: the watermark is the end of the contiguous run of claimed numbers above the
 * mailbox's stored watermark, never past the counter. A missing number in the run is either still
 * in flight, or abandoned (its writer crashed, or the embedded store handed the same number to two
 * writers and one retried with a fresh one). Every number up to the counter was allocated before
 * the counter was read, so the mailbox keeps a checkpoint {@code {below, at}}; once the checkpoint
 * is older than the lease, every number below it that is still missing is fenced: the counter's
 * fence document is inserted under the same unique index, so a writer that turns up later gets a
 * duplicate-key error and allocates again above the watermark. Fencing is therefore enforced by
 * the server, not by clocks; clocks (of the observers only) decide just when a gap is given up.
 * The watermark only grows and is stored with {@code $max} so that later walks start from it.
 *
 * <p>A writer that took a number and then has nothing to write under it gives it up at once with
 * {@link #abandon}, so only a crashed writer or a repeated allocation opens a gap.
 *
 * <p>Cost: a gap delays what comes after it by at most two leases. Reads must go to the primary.
 */
public final class CommitWatermark {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(3);
    private static final int FENCING_ROUNDS = 2;
    /** Bounds one walk's work; a longer gap is fenced over several walks. */
    private static final int MAX_FENCES = 1000;

    private final MongoCollection<Document> mailboxes;
    private final Counter counter;
    private final long leaseMillis;

    public CommitWatermark(MongoCollection<Document> mailboxes, Counter counter, Duration lease) {
        this.mailboxes = mailboxes;
        this.counter = counter;
        this.leaseMillis = lease.toMillis();
    }

    public Mono<Long> visibleUpTo(ObjectId mailbox) {
        return walk(mailbox, FENCING_ROUNDS);
    }

    /** Gives up {@code n}: nothing will be written under it, so it must not hold the watermark back. */
    public Mono<Void> abandon(ObjectId mailbox, long n) {
        return Mono.from(counter.claims().insertOne(counter.fence().apply(mailbox, n)))
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    private Mono<Long> walk(ObjectId mailbox, int roundsLeft) {
        return Mono.from(mailboxes.find(Filters.eq("_id", mailbox))
                        .projection(Projections.include(counter.highest(), counter.visible(), counter.checkpoint())).first())
                .switchIfEmpty(Mono.error(() -> new MailboxException(MailboxException.Code.NONEXISTENT, "No such mailbox: " + mailbox)))
                .flatMap(state -> {
                    long highest = counter.highestOf(state);
                    if (!state.containsKey(counter.visible()) && counter.adoptWhenUnset()) {
                        return advance(mailbox, -1, highest);
                    }
                    long visible = Counter.number(state, counter.visible());
                    if (visible >= highest) {
                        return Mono.just(visible);
                    }
                    return claimedBetween(mailbox, visible, highest).flatMap(claimed -> {
                        long run = contiguous(visible, claimed);
                        if (run >= highest) {
                            return advance(mailbox, visible, run);
                        }
                        Document checkpoint = state.get(counter.checkpoint(), Document.class);
                        long now = System.currentTimeMillis();
                        boolean matured = checkpoint != null && now - Counter.number(checkpoint, "at") >= leaseMillis;
                        long below = checkpoint == null ? 0 : Counter.number(checkpoint, "below");
                        if (matured && run + 1 < below && roundsLeft > 0) {
                            return fence(mailbox, run, below, claimed)
                                    .then(moveCheckpoint(mailbox, checkpoint, highest + 1, now))
                                    .then(Mono.defer(() -> walk(mailbox, roundsLeft - 1)));
                        }
                        Mono<Void> mark = checkpoint == null || matured ? moveCheckpoint(mailbox, checkpoint, highest + 1, now)
                                : Mono.empty();
                        return mark.then(advance(mailbox, visible, run));
                    });
                });
    }

    /** Numbers claimed (written or fenced) above {@code above}, up to {@code upTo}. */
    private Mono<Set<Long>> claimedBetween(ObjectId mailbox, long above, long upTo) {
        return Flux.from(counter.claims().find(Filters.and(Filters.eq("mailbox", mailbox),
                                Filters.gt(counter.field(), above), Filters.lte(counter.field(), upTo)))
                        .projection(Projections.include(counter.field())))
                .map(d -> Counter.number(d, counter.field()))
                .collect(HashSet::new, Set::add);
    }

    private static long contiguous(long from, Set<Long> claimed) {
        long run = from;
        while (claimed.contains(run + 1)) {
            run++;
        }
        return run;
    }

    private Mono<Void> fence(ObjectId mailbox, long run, long below, Set<Long> claimed) {
        List<Long> missing = LongStream.range(run + 1, below).filter(n -> !claimed.contains(n)).limit(MAX_FENCES)
                .boxed().toList();
        return Flux.fromIterable(missing)
                .flatMap(n -> Mono.from(counter.claims().insertOne(counter.fence().apply(mailbox, n)))
                        // The writer got there first: the number is now committed, which is just as good.
                        .onErrorResume(DuplicateKey::is, e -> Mono.empty()), 8)
                .then();
    }

    /** Records that every number below {@code below} has been allocated by {@code now}; first writer wins. */
    private Mono<Void> moveCheckpoint(ObjectId mailbox, Document previous, long below, long now) {
        String field = counter.checkpoint();
        var unchanged = previous == null ? Filters.exists(field, false) : Filters.eq(field + ".at", previous.get("at"));
        return Mono.from(mailboxes.updateOne(Filters.and(Filters.eq("_id", mailbox), unchanged),
                Updates.set(field, new Document("below", below).append("at", now)))).then();
    }

    private Mono<Long> advance(ObjectId mailbox, long stored, long run) {
        return run == stored ? Mono.just(run)
                : Mono.from(mailboxes.updateOne(Filters.eq("_id", mailbox), Updates.max(counter.visible(), run))).thenReturn(run);
    }
}
