package io.mallard.model.message;

import java.util.HashSet;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.journal.Journal;
import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Flag changes (RFC 3501 6.4.6 STORE, RFC 7162 3.1.3 UNCHANGEDSINCE). Each changed message gets a
 * MODSEQ of its own; a message whose flags would not change keeps its MODSEQ, as RFC 7162 3.1.3
 * allows, so a no-op STORE creates no journal traffic.
 */
public final class FlagStore {

    private static final int ATTEMPTS = 20;

    private final MongoCollection<Document> messages;
    private final UidAllocator allocator;
    private final Journal journal;
    private final ChangeRecorder changes;

    public FlagStore(MongoDatabase database, Journal journal) {
        // a flag change is durable with its journal entry (or the placeholder of a lost race)
        this.messages = MongoStore.followed(database.getCollection(MessageStore.COLLECTION.name()));
        this.allocator = new UidAllocator(database);
        this.journal = journal;
        this.changes = new ChangeRecorder(database, allocator, journal);
    }

    /**
     * Applies the operation to each listed UID and returns the messages that changed, with their
     * new flags and MODSEQ. With {@code unchangedSince >= 0}, messages modified after that MODSEQ
     * are left alone (RFC 7162 3.1.3).
     */
    public Flux<Message> update(ObjectId mailbox, List<Long> uids, FlagOperation operation, List<String> flags,
            long unchangedSince) {
        return apply(mailbox, uids, operation, flags, unchangedSince)
                .filter(change -> change.outcome() == FlagChange.Outcome.CHANGED)
                .map(FlagChange::message);
    }

    /**
     * Like {@link #update}, but tells for every listed message that still exists what became of it,
     * as RFC 7162 3.1.3 STORE UNCHANGEDSINCE reports it: changed, already as asked, or MODIFIED.
     */
    public Flux<FlagChange> apply(ObjectId mailbox, List<Long> uids, FlagOperation operation, List<String> flags,
            long unchangedSince) {
        return Flux.fromIterable(uids).concatMap(uid -> updateOne(mailbox, uid, operation, flags, unchangedSince, ATTEMPTS));
    }

    private Mono<FlagChange> updateOne(ObjectId mailbox, long uid, FlagOperation operation, List<String> flags,
            long unchangedSince, int attemptsLeft) {
        // Flags and MODSEQ are all a change needs; the content (with up to 256 KiB of text) stays in the store.
        return Mono.from(messages.find(Filters.and(Filters.eq("mailbox", mailbox), Filters.eq("uid", uid),
                        Filters.ne("abandoned", true))).projection(MessageFields.NONE.projection()).first())
                .filter(Message::isMessage).map(Message::fromDocument)
                .flatMap(current -> {
                    if (unchangedSince >= 0 && current.modseq() > unchangedSince) {
                        return Mono.just(new FlagChange(current, FlagChange.Outcome.MODIFIED));
                    }
                    List<String> next = operation.apply(current.flags(), flags);
                    if (new HashSet<>(next).equals(new HashSet<>(current.flags()))) {
                        return Mono.just(new FlagChange(current, FlagChange.Outcome.UNCHANGED));
                    }
                    // Conditional on the MODSEQ read, so a concurrent STORE is never overwritten blindly.
                    return allocator.modseq(mailbox).flatMap(modseq -> Mono.from(messages.updateOne(
                                    Filters.and(Filters.eq("_id", current.id()), Filters.eq("modseq", current.modseq())),
                                    Updates.combine(Updates.set("flags", next), Updates.set("modseq", modseq))))
                            .flatMap(result -> result.getModifiedCount() == 1
                                    ? changes.flags(new Message(current.id(), mailbox, current.user(), uid, modseq,
                                            current.thread(), next, current.internalDate(), current.size(),
                                            current.messageId(), current.subject(), current.content()))
                                            .map(changed -> new FlagChange(changed, FlagChange.Outcome.CHANGED))
                                    // Lost the race: this MODSEQ carries nothing; read again and retry.
                                    : journal.abandon(mailbox, modseq).then(attemptsLeft > 1
                                            ? updateOne(mailbox, uid, operation, flags, unchangedSince, attemptsLeft - 1)
                                            : Mono.error(new IllegalStateException("Flags of " + uid + " kept changing")))));
                });
    }
}
