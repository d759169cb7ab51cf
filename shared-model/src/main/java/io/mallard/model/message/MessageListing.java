package io.mallard.model.message;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.journal.Journal;
import io.mallard.model.mailbox.MailboxException;
import io.mallard.model.mailbox.MailboxStore;
import io.mallard.model.watermark.CommitWatermark;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/**
 * Reads a mailbox the way a session may see it: every listing stops at the
 * {@linkplain CommitWatermark visibility watermark}, so a message reported once never gets a
 * lower-UID neighbour later.
 */
public final class MessageListing {

    private final MongoCollection<Document> messages;
    private final MailboxStore mailboxes;
    private final CommitWatermark watermark;
    private final Journal journal;

    public MessageListing(MongoDatabase database, MailboxStore mailboxes, CommitWatermark watermark, Journal journal) {
        this.messages = database.getCollection(MessageStore.COLLECTION.name());
        this.mailboxes = mailboxes;
        this.watermark = watermark;
        this.journal = journal;
    }

    /** Messages with {@code fromUid <= uid <= toUid}, in UID order, up to the watermark. */
    public Flux<Message> range(ObjectId mailbox, long fromUid, long toUid) {
        return range(mailbox, fromUid, toUid, MessageFields.ALL);
    }

    /** As {@link #range(ObjectId, long, long)}, reading only {@code fields} of each document. */
    public Flux<Message> range(ObjectId mailbox, long fromUid, long toUid, MessageFields fields) {
        return watermark.visibleUpTo(mailbox).flatMapMany(visible -> rangeUpTo(visible, mailbox, fromUid, toUid, fields));
    }

    /**
     * As {@link #range(ObjectId, long, long, MessageFields)}, up to a watermark {@code visible} the
     * caller read before: an IMAP session's highest UID, which it was told only once the watermark
     * had passed it, and which the watermark never falls below; one store round trip fewer.
     */
    public Flux<Message> rangeUpTo(long visible, ObjectId mailbox, long fromUid, long toUid, MessageFields fields) {
        return searchUpTo(visible, mailbox, fromUid, toUid, MessageCriteria.ANY, fields);
    }

    /**
     * Messages with {@code fromUid <= uid <= toUid} that meet {@code criteria}, in UID order, up to
     * a watermark {@code visible} the caller read before (see {@link #rangeUpTo}): MongoDB applies
     * the criteria, and the cursor streams the documents in batches, so a search holds only what it
     * has not yet consumed, and reads only {@code fields} of each.
     */
    public Flux<Message> searchUpTo(long visible, ObjectId mailbox, long fromUid, long toUid, MessageCriteria criteria,
            MessageFields fields) {
        if (criteria == MessageCriteria.NONE) {
            return Flux.empty();
        }
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("mailbox", mailbox), Filters.gte("uid", fromUid),
                Filters.lte("uid", Math.min(toUid, visible)), Filters.ne("abandoned", true)));
        if (criteria.filter() != null) {
            filters.add(criteria.filter());
        }
        return Flux.from(messages.find(Filters.and(filters)).projection(fields.projection()).batchSize(fields.batchSize())
                        .sort(Sorts.ascending("uid")))
                .filter(Message::isMessage).map(Message::fromDocument);
    }

    /**
     * A page (see {@link #pageUpTo}) and the mailbox's message count, both up to one reading of
     * the watermark, so that they agree and the watermark is read once.
     *
     * @param page reads the page up to the watermark it is given, with {@link #pageUpTo}
     */
    public <T> Mono<Tuple2<T, Long>> withTotal(ObjectId mailbox, LongFunction<Mono<T>> page) {
        return watermark.visibleUpTo(mailbox).flatMap(visible -> page.apply(visible).zipWith(totalUpTo(mailbox, visible)));
    }

    /**
     * At most {@code limit} messages with {@code fromUid <= uid <= toUid} up to the watermark
     * {@code visible} (read by the caller), ascending or descending by UID, each with only
     * {@code fields}: a page of the API's listing, read by the index without streaming the rest
     * of the mailbox.
     */
    public Flux<Message> pageUpTo(long visible, ObjectId mailbox, long fromUid, long toUid, int limit, boolean descending,
            MessageFields fields) {
        return Flux.from(messages.find(Filters.and(
                        Filters.eq("mailbox", mailbox), Filters.gte("uid", fromUid), Filters.lte("uid", Math.min(toUid, visible)),
                        Filters.ne("abandoned", true))).projection(fields.projection())
                        .sort(descending ? Sorts.descending("uid") : Sorts.ascending("uid")).limit(limit))
                .filter(Message::isMessage).map(Message::fromDocument);
    }

    /**
     * How many messages the mailbox holds up to {@code visible}, {@link #counts}'s {@code exists}
     * alone: the UIDs up to it less the tombstones among them, two counts that the indexes
     * {@code {mailbox, uid}} and {@code {mailbox, abandoned, uid}} answer without reading a
     * document (a mailbox listing asks with every page).
     */
    private Mono<Long> totalUpTo(ObjectId mailbox, long visible) {
        Bson uids = Filters.and(Filters.gte("uid", 1), Filters.lte("uid", visible));
        return Mono.zip(Mono.from(messages.countDocuments(Filters.and(Filters.eq("mailbox", mailbox), uids))),
                        Mono.from(messages.countDocuments(Filters.and(Filters.eq("mailbox", mailbox),
                                Filters.eq("abandoned", true), uids))))
                .map(counts -> counts.getT1() - counts.getT2());
    }

    /**
     * The newest {@code limit} messages up to the watermark, in UID order: a POP3 maildrop
     * (WildDuck serves the newest 250 of INBOX), read newest-first so a large mailbox is not scanned.
     */
    public Flux<Message> newest(ObjectId mailbox, int limit, MessageFields fields) {
        return watermark.visibleUpTo(mailbox)
                .flatMapMany(visible -> pageUpTo(visible, mailbox, 1, Long.MAX_VALUE, limit, true, fields))
                .collectSortedList(Comparator.comparingLong(Message::uid)).flatMapIterable(list -> list);
    }

    /**
     * RFC 8438 STATUS SIZE: the sizes of the messages up to the watermark, added up by the database
     * in one aggregation rather than streamed here.
     */
    public Mono<Long> size(ObjectId mailbox) {
        return watermark.visibleUpTo(mailbox).flatMap(visible -> Mono.from(messages.aggregate(List.of(
                        Aggregates.match(Filters.and(Filters.eq("mailbox", mailbox), Filters.lte("uid", visible),
                                Filters.ne("abandoned", true), Filters.exists("idate"))),
                        Aggregates.group(null, Accumulators.sum("total", "$size")))).first())
                .map(total -> ((Number) total.get("total")).longValue())
                .defaultIfEmpty(0L));
    }

    /**
     * RFC 9051 STATUS DELETED: how many messages up to the watermark carry \Deleted, counted by the
     * database.
     */
    public Mono<Long> deleted(ObjectId mailbox) {
        return watermark.visibleUpTo(mailbox).flatMap(visible -> Mono.from(messages.countDocuments(Filters.and(
                Filters.eq("mailbox", mailbox), Filters.lte("uid", visible), Filters.ne("abandoned", true),
                Filters.exists("idate"), Filters.eq("flags", Message.DELETED)))));
    }

    /** RFC 7162 3.1.4 CHANGEDSINCE: messages whose MODSEQ is above {@code modseq}, in UID order. */
    public Flux<Message> changedSince(ObjectId mailbox, long modseq) {
        return watermark.visibleUpTo(mailbox).flatMapMany(visible -> Flux.from(messages.find(Filters.and(
                        Filters.eq("mailbox", mailbox), Filters.gt("modseq", modseq), Filters.lte("uid", visible),
                        Filters.ne("abandoned", true))).batchSize(MessageFields.ALL.batchSize()).sort(Sorts.ascending("uid")))
                .filter(Message::isMessage).map(Message::fromDocument));
    }

    /**
     * What SELECT builds a session's view from, in one read of the messages: HIGHESTMODSEQ and the
     * watermark first, then the UIDs up to the watermark, so that every change at or below that
     * HIGHESTMODSEQ is already in what the session holds. Only the UIDs are read (EXISTS is their
     * number); the unseen count and mailbox document of {@link #counts} would be two more round
     * trips that SELECT does not report or already has.
     */
    public Mono<Opening> open(ObjectId mailbox) {
        return Mono.zip(journal.completeUpTo(mailbox), watermark.visibleUpTo(mailbox)).flatMap(marks ->
                Flux.from(messages.find(Filters.and(Filters.eq("mailbox", mailbox), Filters.lte("uid", marks.getT2()),
                                        Filters.ne("abandoned", true)))
                                .projection(Projections.include("uid", "idate", "abandoned")).sort(Sorts.ascending("uid")))
                        .filter(Message::isMessage).map(d -> Message.number(d, "uid")).collectList()
                        .map(uids -> new Opening(marks.getT1(), marks.getT2() + 1, uids)));
    }

    /**
     * A mailbox as SELECT opens it.
     *
     * @param highestModseq RFC 7162 HIGHESTMODSEQ, read before the UIDs
     * @param uidNext the watermark + 1 (see {@link MailboxCounts#uidNext})
     * @param uids the messages up to the watermark, ascending
     */
    public record Opening(long highestModseq, long uidNext, List<Long> uids) {
    }

    /**
     * The numbers of SELECT and STATUS. HIGHESTMODSEQ is read before the messages, so that every
     * change at or below it is already in what this and the caller read next.
     */
    public Mono<MailboxCounts> counts(ObjectId mailbox) {
        return Mono.zip(journal.completeUpTo(mailbox), watermark.visibleUpTo(mailbox)).flatMap(marks -> {
            long highestModseq = marks.getT1();
            long visible = marks.getT2();
            Bson visibleMessages = Filters.and(Filters.eq("mailbox", mailbox), Filters.lte("uid", visible), Filters.ne("abandoned", true));
            return Mono.zip(Mono.from(messages.countDocuments(visibleMessages)),
                            Mono.from(messages.countDocuments(Filters.and(visibleMessages, Filters.ne("flags", Message.SEEN)))),
                            mailboxes.byId(mailbox).switchIfEmpty(Mono.error(() ->
                                    new MailboxException(MailboxException.Code.NONEXISTENT, "No such mailbox: " + mailbox))))
                    .map(t -> new MailboxCounts(t.getT1(), t.getT2(), visible + 1, t.getT3().uidValidity(), highestModseq));
        });
    }
}
