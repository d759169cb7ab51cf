package io.mallard.model.message;

import java.util.function.Function;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.journal.ChangeEvent;
import io.mallard.model.journal.Journal;
import reactor.core.publisher.Mono;

/**
 * Journals message changes so that each keeps a MODSEQ of its own (see {@link Journal#claim}):
 * when the journal refuses a repeated MODSEQ, the message is moved to a fresh one.
 */
final class ChangeRecorder {

    private final MongoCollection<Document> messages;
    private final UidAllocator allocator;
    private final Journal journal;

    ChangeRecorder(MongoDatabase database, UidAllocator allocator, Journal journal) {
        this.messages = database.getCollection(MessageStore.COLLECTION.name());
        this.allocator = allocator;
        this.journal = journal;
    }

    /** EXISTS for a message just written; returns it with the MODSEQ it ended up with. */
    Mono<Message> exists(Message message) {
        return journal.claim(ChangeEvent.exists(message.user(), message.mailbox(), message.uid(), message.modseq(), message.flags()),
                        allocator.modseq(message.mailbox()), restamp(message))
                .map(event -> message.withModseq(event.modseq()));
    }

    /** FLAGS for a message whose flags were just changed. */
    Mono<Message> flags(Message message) {
        return journal.claim(ChangeEvent.flags(message.user(), message.mailbox(), message.uid(), message.modseq(), message.flags()),
                        allocator.modseq(message.mailbox()), restamp(message))
                .map(event -> message.withModseq(event.modseq()));
    }

    /**
     * EXPUNGE: takes a new MODSEQ of the mailbox (RFC 7162 3.2: the server MUST associate it with
     * the expunged UID), lets {@code remove} take the message out under it, and journals the
     * change. A removal that finds nothing gives the MODSEQ up.
     *
     * @param remove removes the message and writes its expunge record with the given MODSEQ;
     *     empty when the message was no longer there
     */
    <T> Mono<T> expunge(ObjectId user, ObjectId mailbox, long uid, Function<Long, Mono<T>> remove) {
        return allocator.modseq(mailbox).flatMap(modseq -> remove.apply(modseq)
                .flatMap(removed -> journal.claim(ChangeEvent.expunge(user, mailbox, uid, modseq), allocator.modseq(mailbox),
                                fresh -> Mono.from(messages.updateOne(Filters.and(Filters.eq("mailbox", mailbox),
                                        Filters.eq("uid", uid), Filters.eq("abandoned", true)), Updates.max("modseq", fresh))).then())
                        .thenReturn(removed))
                .switchIfEmpty(Mono.defer(() -> journal.abandon(mailbox, modseq).then(Mono.empty()))));
    }

    // $max: a change made meanwhile may already have moved the message higher. The filter keeps a
    // message that was moved away meanwhile from taking a MODSEQ of its former mailbox.
    private Function<Long, Mono<Void>> restamp(Message message) {
        return fresh -> Mono.from(messages.updateOne(Filters.and(Filters.eq("_id", message.id()),
                        Filters.eq("mailbox", message.mailbox()), Filters.eq("uid", message.uid())),
                        Updates.max("modseq", fresh)))
                .then();
    }
}
