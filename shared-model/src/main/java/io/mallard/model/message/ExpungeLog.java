package io.mallard.model.message;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.mailbox.MailboxException;
import io.mallard.model.mailbox.MailboxStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which UIDs left a mailbox at which MODSEQ: what RFC 7162 VANISHED (EARLIER) reports (3.2.5.2
 * SELECT QRESYNC, 3.2.6 UID FETCH VANISHED). The record is the UID's tombstone itself, carrying
 * the expunge's MODSEQ and date, written in the same atomic step that removes the message (a
 * {@code findOneAndReplace}), so no expunge exists without its record. Records have no
 * {@code expiresAt}: they are pruned here, at the next expunge of the same mailbox, once older
 * than the retention, and the mailbox keeps the highest pruned MODSEQ ({@value #FLOOR}, Cyrus's
 * "deletedmodseq"). Asked from below that floor, the log says it is incomplete, and the caller
 * falls back to reporting every known UID that is no longer there (RFC 7162 3.2.5.2, 3.2.6).
 */
public final class ExpungeLog {

    public static final Duration RETENTION = Duration.ofDays(30);
    static final String EXPUNGED = "expunged";
    private static final String FLOOR = "vanishedFloor";
    /** A mailbox is pruned at most this often per process: records live for weeks, expunges come in bursts. */
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final int REMEMBERED_MAILBOXES = 10_000;

    /**
     * @param complete whether the log reaches back to the MODSEQ asked for; if not, {@code uids}
     *     holds only the expunges still on record
     * @param uids the expunged UIDs, ascending
     */
    public record Vanished(boolean complete, List<Long> uids) {
        public Vanished {
            uids = List.copyOf(uids);
        }
    }

    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> mailboxes;
    private final Duration retention;
    private final Map<ObjectId, Long> pruned = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, Long> eldest) {
            return size() > REMEMBERED_MAILBOXES;
        }
    };

    public ExpungeLog(MongoDatabase database, Duration retention) {
        this.messages = database.getCollection(MessageStore.COLLECTION.name());
        this.mailboxes = database.getCollection(MailboxStore.COLLECTION.name());
        this.retention = retention;
    }

    /** UIDs expunged from the mailbox with a MODSEQ above {@code modseq}. */
    public Mono<Vanished> since(ObjectId mailbox, long modseq) {
        return Mono.from(mailboxes.find(Filters.eq("_id", mailbox)).projection(Projections.include(FLOOR)).first())
                .switchIfEmpty(Mono.error(() -> new MailboxException(MailboxException.Code.NONEXISTENT, "No such mailbox: " + mailbox)))
                .flatMap(state -> Flux.from(messages.find(Filters.and(Filters.eq("mailbox", mailbox), Filters.exists(EXPUNGED),
                                        Filters.gt("modseq", modseq)))
                                .projection(Projections.include("uid")).sort(Sorts.ascending("uid")))
                        .map(d -> Message.number(d, "uid"))
                        .collectList()
                        .map(uids -> new Vanished(modseq >= Message.number(state, FLOOR), uids)));
    }

    /** The record that replaces an expunged message under its UID. */
    static Document record(ObjectId mailbox, long uid, long modseq) {
        return new Document("mailbox", mailbox).append("uid", uid).append("abandoned", true).append("modseq", modseq)
                .append(EXPUNGED, new Date());
    }

    /**
     * The record of a message moved away (the document itself went to the target). An upsert: a
     * tombstone the UID watermark may have put into the freed slot meanwhile becomes the record.
     */
    Mono<Void> recordMove(ObjectId mailbox, long uid, long modseq) {
        return Mono.from(messages.updateOne(Filters.and(Filters.eq("mailbox", mailbox), Filters.eq("uid", uid),
                                Filters.eq("abandoned", true)),
                        Updates.combine(Updates.set("modseq", modseq), Updates.set(EXPUNGED, new Date()),
                                Updates.unset("expiresAt")),
                        new UpdateOptions().upsert(true)))
                .then();
    }

    /**
     * Drops the records older than the retention, raising the floor first so nobody trusts a gap;
     * at most once per {@link #PRUNE_EVERY} per mailbox, so deleting messages one by one does not
     * query the records each time.
     */
    Mono<Void> prune(ObjectId mailbox) {
        long now = System.currentTimeMillis();
        synchronized (pruned) {
            Long last = pruned.get(mailbox);
            if (last != null && now - last < PRUNE_EVERY.toMillis()) {
                return Mono.empty();
            }
            pruned.put(mailbox, now);
        }
        Date cutoff = Date.from(Instant.now().minus(retention));
        return Flux.from(messages.find(Filters.and(Filters.eq("mailbox", mailbox), Filters.lte(EXPUNGED, cutoff)))
                        .projection(Projections.include("modseq")))
                .map(d -> Message.number(d, "modseq"))
                .reduce(Math::max)
                .flatMap(floor -> Mono.from(mailboxes.updateOne(Filters.eq("_id", mailbox), Updates.max(FLOOR, floor)))
                        .then(Mono.from(messages.deleteMany(Filters.and(Filters.eq("mailbox", mailbox),
                                Filters.lte(EXPUNGED, cutoff), Filters.lte("modseq", floor))))))
                .then();
    }
}
