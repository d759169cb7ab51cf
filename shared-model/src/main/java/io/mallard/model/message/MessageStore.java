package io.mallard.model.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.expiry.ExpiryIndex;
import io.mallard.model.ingest.ParsedParts;
import io.mallard.model.journal.Journal;
import io.mallard.model.mailbox.DuplicateKey;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.mailbox.MailboxException;
import io.mallard.model.mailbox.MailboxStore;
import io.mallard.model.quota.QuotaLedger;
import io.mallard.model.store.IndexedCollection;
import io.mallard.model.store.MongoStore;
import io.mallard.model.thread.Threader;
import io.mallard.model.watermark.CommitWatermark;
import io.mallard.model.watermark.Counter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes messages: append, copy, move, expunge. Every write that puts a message under a UID goes
 * through {@link #claim}: allocate, write under the unique {@code {mailbox, uid}} index, and on a
 * duplicate key (a defective allocator or a {@link CommitWatermark} tombstone) allocate again;
 * a UID and MODSEQ taken and not used are given up at once, so they hold no watermark back.
 * Bytes are reserved in the {@link QuotaLedger} before a message is written and released after
 * it is gone, so {@code users.storageUsed} never undercounts a stored message.
 */
public final class MessageStore {

    /**
     * Sharded by {@code mailbox}, like WildDuck's messages: IMAP reads one mailbox at a time, and
     * the unique {@code {mailbox, uid}} index must contain the shard key. Tombstones of abandoned
     * UIDs carry {@code expiresAt}; real messages and {@link ExpungeLog} records do not.
     * {@code {mailbox, abandoned, uid}} lets a mailbox's message count be two counts of index
     * ranges (all UIDs, minus the tombstones') rather than a read of every document
     * ({@link MessageListing#withTotal}).
     */
    public static final IndexedCollection COLLECTION = new IndexedCollection("messages", List.of(
            new IndexModel(Indexes.ascending("mailbox", "uid"), new IndexOptions().unique(true)),
            new IndexModel(Indexes.ascending("mailbox", "modseq")),
            new IndexModel(Indexes.ascending("mailbox", "abandoned", "uid")),
            new IndexModel(Indexes.ascending("mailbox", ExpungeLog.EXPUNGED), new IndexOptions().sparse(true)),
            new IndexModel(Indexes.ascending("mailbox", "flags")),
            new IndexModel(Indexes.ascending("user", "thread")),
            new IndexModel(Indexes.ascending("user", "messageId")),
            ExpiryIndex.model()),
            "mailbox");

    /** Enough for heavy contention on the embedded store, whose allocator can repeat numbers. */
    static final int CLAIM_ATTEMPTS = 200;
    /** Long after any writer has given up; then the tombstone only costs space. */
    static final Duration TOMBSTONE_LIFETIME = Duration.ofDays(1);

    private final MongoCollection<Document> messages;
    private final MailboxStore mailboxes;
    private final UidAllocator allocator;
    private final CommitWatermark watermark;
    private final QuotaLedger quota;
    private final Threader threader;
    private final Journal journal;
    private final ChangeRecorder changes;
    private final ExpungeLog expunged;
    private final ContentReferences content;

    public MessageStore(MongoDatabase database, MailboxStore mailboxes, QuotaLedger quota, Threader threader,
            Journal journal, CommitWatermark watermark, ExpungeLog expunged, ContentReferences content) {
        this.content = content;
        this.messages = database.getCollection(COLLECTION.name());
        this.mailboxes = mailboxes;
        this.allocator = new UidAllocator(database);
        this.watermark = watermark;
        this.quota = quota;
        this.threader = threader;
        this.journal = journal;
        this.expunged = expunged;
        this.changes = new ChangeRecorder(database, allocator, journal);
    }

    /**
     * The UID watermark: UIDs are taken by the documents of {@code messages} (messages, expunge
     * records and tombstones), all under the unique {@code {mailbox, uid}} index.
     */
    public static CommitWatermark uidWatermark(MongoDatabase database, Duration lease) {
        return new CommitWatermark(database.getCollection(MailboxStore.COLLECTION.name()),
                new Counter("uidNext", true, "visibleUid", "checkpoint", database.getCollection(COLLECTION.name()), "uid",
                        MessageStore::tombstone, false), lease);
    }

    /**
     * Holds a UID that has no message: abandoned, or fenced by the watermark. Keeping the UID
     * occupied both fences late writers and keeps gaps out of the walk.
     */
    private static Document tombstone(ObjectId mailbox, long uid) {
        return new Document("mailbox", mailbox).append("uid", uid).append("abandoned", true)
                .append("expiresAt", new Date(System.currentTimeMillis() + TOMBSTONE_LIFETIME.toMillis()));
    }

    /**
     * Stores a message (RFC 3501 6.3.11 APPEND, LMTP delivery). Fails with
     * {@code QuotaExceededException} when the user's quota would be exceeded, leaving nothing behind.
     */
    public Mono<Message> append(ObjectId mailboxId, NewMessage message) {
        return requireMailbox(mailboxId)
                .flatMap(mailbox -> append(mailbox.user(), allocator.allocate(mailbox.id()), message))
                .map(Appended::message);
    }

    /**
     * As {@link #append(ObjectId, NewMessage)}, into the user's mailbox named {@code path} (IMAP
     * APPEND): the UID's allocation finds the mailbox, one store round trip fewer than reading it
     * first. Empty, with nothing kept, when the user has no such mailbox.
     */
    public Mono<Appended> append(ObjectId user, String path, NewMessage message) {
        return append(user, allocator.allocate(user, path), message);
    }

    /**
     * The thread assignment runs beside the quota reservation and the UID's allocation, which
     * follows the reservation so that a refused message takes no UID; the message is written once
     * all three are done. A reservation that succeeded is given back if anything before the
     * message's write fails or the mailbox is not there. An APPEND refused for its quota or its
     * mailbox may thus have touched a thread, which only learns the message's ids (threading is a
     * presentation aid, see {@link Threader}).
     */
    private Mono<Appended> append(ObjectId user, Mono<UidAllocator.Allocation> allocation, NewMessage message) {
        AtomicBoolean reserved = new AtomicBoolean();
        // cached: a UID lost to another writer is claimed again with the same thread
        Mono<ObjectId> thread = threader.assign(user, message.messageId(), message.inReplyTo(), message.references(),
                message.subject()).cache();
        Mono<Appended> placed = quota.reserveFollowed(user, message.size())
                .then(Mono.defer(() -> {
                    reserved.set(true);
                    return claim(allocation, a -> thread.flatMap(threadId -> {
                        ObjectId mailboxId = a.mailbox().id();
                        Message draft = new Message(new ObjectId(), mailboxId, user, 0, 0, threadId, message.flags(),
                                message.internalDate(), message.size(), message.messageId(), message.subject(),
                                message.content());
                        return insert(draft.placed(draft.id(), mailboxId, a.uid(), a.modseq()))
                                .map(placedMessage -> new Appended(a.mailbox(), placedMessage));
                    }), 1);
                }));
        Mono<Void> giveBack = Mono.defer(() -> thread.onErrorComplete()
                .then(reserved.get() ? quota.release(user, message.size()) : Mono.empty()));
        // Subscribed together: the thread starts at once; its error, if any, comes through `placed`.
        // A failure is answered once the thread's write has settled too (the cache runs it to its end).
        return Flux.merge(thread.then(Mono.<Appended>empty()).onErrorComplete(), placed).next()
                .onErrorResume(e -> giveBack.then(Mono.error(e)))
                .switchIfEmpty(giveBack.then(Mono.empty()))
                .flatMap(appended -> changes.exists(appended.message())
                        .map(journaled -> new Appended(appended.mailbox(), journaled)));
    }

    /** A message just stored, with its mailbox as the UID's allocation left it. */
    public record Appended(Mailbox mailbox, Message message) {
    }

    /**
     * RFC 3501 6.4.7 COPY: the copies get new UIDs in the target, count against the quota and hold
     * their own reference to the bytes, given back if the copy fails.
     */
    public Flux<Transfer> copy(ObjectId from, List<Long> uids, ObjectId to) {
        return requireMailbox(to).flatMapMany(target -> Flux.fromIterable(uids)
                .concatMap(uid -> find(from, uid).flatMap(source -> quota.reserveFollowed(target.user(), source.size())
                        .then(Mono.defer(() -> content.share(source.content())
                                .flatMap(shared -> claim(to, a -> insert(source.holding(shared)
                                                .placed(new ObjectId(), to, a.uid(), a.modseq())))
                                        .onErrorResume(e -> content.release(shared).then(Mono.error(e)))))
                                .onErrorResume(e -> quota.release(target.user(), source.size()).then(Mono.error(e))))
                        .flatMap(changes::exists)
                        .map(copied -> new Transfer(uid, copied)))));
    }

    /**
     * RFC 6851 MOVE within one account: the document is re-homed in place under a new UID, so the
     * quota is untouched, and the source sees an EXPUNGE. A message that vanished meanwhile is skipped.
     */
    public Flux<Transfer> move(ObjectId from, List<Long> uids, ObjectId to) {
        return requireMailbox(to).flatMapMany(target -> Flux.fromIterable(uids)
                .concatMap(uid -> find(from, uid)
                        .filter(source -> source.user().equals(target.user()))
                        .flatMap(source -> claim(to, a -> rehome(source, to, a))
                                .flatMap(changes::exists)
                                .flatMap(moved -> changes.expunge(moved.user(), from, uid,
                                                modseq -> expunged.recordMove(from, uid, modseq).thenReturn(true))
                                        .thenReturn(new Transfer(uid, moved)))))
                .concatWith(expunged.prune(from).then(Mono.empty())));
    }

    /** RFC 3501 6.4.3 EXPUNGE: removes the messages flagged \Deleted and returns their UIDs in order. */
    public Flux<Long> expunge(ObjectId mailboxId) {
        return Flux.from(messages.find(Filters.and(Filters.eq("mailbox", mailboxId), Filters.eq("flags", Message.DELETED)))
                        .sort(Sorts.ascending("uid")))
                .filter(Message::isMessage).map(Message::fromDocument)
                .concatMap(message -> delete(message).thenReturn(message.uid()))
                .concatWith(expunged.prune(mailboxId).then(Mono.empty()));
    }

    /** Removes one message outright (API delete, retention expiry). Empty if it was not there. */
    public Mono<Long> delete(ObjectId mailboxId, long uid) {
        return find(mailboxId, uid).flatMap(message -> delete(message).thenReturn(uid))
                .flatMap(deleted -> expunged.prune(mailboxId).thenReturn(deleted));
    }

    /**
     * RFC 3501 6.3.4 DELETE with its messages. The mailbox record goes first so that no append can
     * start in it; then each message is removed and its bytes released.
     */
    public Mono<Mailbox> deleteMailbox(ObjectId user, String path) {
        return mailboxes.delete(user, path)
                .flatMap(deleted -> removeAll(Filters.eq("mailbox", deleted.id())).thenReturn(deleted));
    }

    /**
     * Removes every message of a purged user, in whichever mailbox, with its bytes; idempotent, so
     * a purge cut off midway is finished by running it again. Emits how many went.
     */
    public Mono<Long> purge(ObjectId user) {
        return removeAll(Filters.eq("user", user));
    }

    /**
     * Removes the matching documents one by one, without journal entries. The hold on the bytes
     * is dropped before the document, since dropping it twice is harmless and a crash between the
     * two then leaves a document to remove again rather than a reference that nobody releases;
     * the quota is released only by whoever removed the document.
     */
    private Mono<Long> removeAll(Bson filter) {
        return Flux.from(messages.find(filter))
                .concatMap(d -> {
                    boolean message = Message.isMessage(d);
                    Mono<Void> bytes = message ? content.release(d.get("content", Document.class)) : Mono.empty();
                    return bytes.then(Mono.from(messages.deleteOne(Filters.eq("_id", d.get("_id")))))
                            .filter(result -> result.getDeletedCount() == 1 && message)
                            .flatMap(result -> quota.release(d.getObjectId("user"), Message.number(d, "size")))
                            .thenReturn(1L);
                })
                .count();
    }

    /**
     * Keeps {@code fields} in the message's parsed content, by field name, for a message stored
     * before ingest kept them there (its header block {@link ParsedParts#header}, its rendered
     * envelope {@link ParsedParts#envelopeText}). They are derived from what is stored: nothing a
     * client sees changes, so no MODSEQ is taken and no change journaled.
     */
    public Mono<Void> keepParsed(ObjectId message, Map<String, Object> fields) {
        if (fields.isEmpty()) {
            return Mono.empty();
        }
        List<Bson> updates = new ArrayList<>();
        fields.forEach((field, value) -> updates.add(Updates.set("content.parsed." + field, value)));
        return Mono.from(MongoStore.followed(messages).updateOne(Filters.eq("_id", message), Updates.combine(updates)))
                .then();
    }

    /** The visibility rule of {@link CommitWatermark}: the highest UID a session may report. */
    public Mono<Long> visibleUpTo(ObjectId mailboxId) {
        return watermark.visibleUpTo(mailboxId);
    }

    /**
     * Replaces the message by its {@link ExpungeLog} record in one atomic step, so its UID stays
     * taken (RFC 3501 2.3.1.1) and the expunge is on record with its MODSEQ (RFC 7162 3.2).
     */
    private Mono<Void> delete(Message message) {
        return changes.expunge(message.user(), message.mailbox(), message.uid(), modseq -> Mono.from(messages.findOneAndReplace(
                                where(message), ExpungeLog.record(message.mailbox(), message.uid(), modseq)))
                        .flatMap(removed -> quota.release(message.user(), message.size())
                                .then(content.release(message.content()))
                                .thenReturn(removed)))
                .then();
    }

    /** The message exactly where it was read: a concurrent move or expunge makes the filter miss. */
    private static Bson where(Message message) {
        return Filters.and(Filters.eq("_id", message.id()), Filters.eq("mailbox", message.mailbox()),
                Filters.eq("uid", message.uid()), Filters.ne("abandoned", true));
    }

    private Mono<Message> find(ObjectId mailboxId, long uid) {
        return Mono.from(messages.find(Filters.and(Filters.eq("mailbox", mailboxId), Filters.eq("uid", uid),
                Filters.ne("abandoned", true))).first()).filter(Message::isMessage).map(Message::fromDocument);
    }

    private Mono<Message> insert(Message message) {
        // durable with the EXISTS journal entry that follows (ChangeRecorder.exists)
        return Mono.from(MongoStore.followed(messages).insertOne(message.toDocument())).thenReturn(message);
    }

    /** Re-homes only if the message is still where it was read, so two concurrent moves cannot both win. */
    private Mono<Message> rehome(Message source, ObjectId to, UidAllocator.Allocation a) {
        return Mono.from(messages.updateOne(
                        where(source),
                        Updates.combine(Updates.set("mailbox", to), Updates.set("uid", a.uid()), Updates.set("modseq", a.modseq()))))
                .filter(result -> result.getModifiedCount() == 1)
                .map(result -> source.placed(source.id(), to, a.uid(), a.modseq()));
    }

    /** Allocate a UID and write under it; a duplicate key means someone else owns that UID: try a fresh one. */
    private <T> Mono<T> claim(ObjectId mailboxId, Function<UidAllocator.Allocation, Mono<T>> write) {
        return claim(allocator.allocate(mailboxId), write, 1);
    }

    /** Each attempt allocates with {@code allocation}; empty when that finds no mailbox. */
    private <T> Mono<T> claim(Mono<UidAllocator.Allocation> allocation, Function<UidAllocator.Allocation, Mono<T>> write,
            int attempt) {
        return allocation
                .flatMap(a -> write.apply(a)
                        // Nothing written under a UID we own (the message vanished, the write failed):
                        // give it up now rather than make readers wait out the watermark's lease.
                        .switchIfEmpty(Mono.defer(() -> abandon(a)))
                        .onErrorResume(e -> !DuplicateKey.is(e), e -> abandon(a).then(Mono.error(e)))
                        // Someone else owns the UID; the MODSEQ that came with it is ours to give up.
                        .onErrorResume(DuplicateKey::is, e -> journal.abandon(a.mailbox().id(), a.modseq()).then(Mono.error(e))))
                .onErrorResume(DuplicateKey::is, e -> attempt < CLAIM_ATTEMPTS
                        ? claim(allocation, write, attempt + 1)
                        : Mono.error(new IllegalStateException("No free UID after " + attempt + " attempts", e)));
    }

    private <T> Mono<T> abandon(UidAllocator.Allocation a) {
        ObjectId mailboxId = a.mailbox().id();
        return watermark.abandon(mailboxId, a.uid()).then(journal.abandon(mailboxId, a.modseq())).then(Mono.empty());
    }

    private Mono<Mailbox> requireMailbox(ObjectId mailboxId) {
        return mailboxes.byId(mailboxId).switchIfEmpty(Mono.error(() ->
                new MailboxException(MailboxException.Code.NONEXISTENT, "No such mailbox: " + mailboxId)));
    }
}
