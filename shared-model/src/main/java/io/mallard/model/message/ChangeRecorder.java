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

    /** EXPUNGE of a UID that just left the mailbox; it takes a new MODSEQ of the mailbox. */
    Mono<Void> expunge(ObjectId user, ObjectId mailbox, long uid) {
        Mono<Long> modseq = allocator.modseq(mailbox);
        return modseq.flatMap(first -> journal.claim(ChangeEvent.expunge(user, mailbox, uid, first), modseq,
                ignored -> Mono.empty())).then();
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
