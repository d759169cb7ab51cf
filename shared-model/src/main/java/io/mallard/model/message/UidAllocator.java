package io.mallard.model.message;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.mailbox.MailboxException;
import io.mallard.model.mailbox.MailboxStore;
import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Mono;

/**
 * Hands out UIDs and MODSEQs from the mailbox document with one atomic {@code $inc} each.
 *
 * <p>The returned numbers are candidates, not guarantees: the embedded store can return the same
 * post-update value to two concurrent callers. A UID is only owned once the message is written
 * under the unique {@code {mailbox, uid}} index; a caller that loses that race asks again. A
 * counter never goes back, so no UID is handed out twice by a correct server and none is ever
 * reused (RFC 3501 2.3.1.1).
 */
public final class UidAllocator {

    /** A UID with the MODSEQ of the message's creation (RFC 7162 3.1), in the mailbox as the allocation left it. */
    public record Allocation(Mailbox mailbox, long uid, long modseq) {
    }

    private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

    private final MongoCollection<Document> mailboxes;

    public UidAllocator(MongoDatabase database) {
        // every UID and MODSEQ ends in a journaled write: the message, a tombstone or a journal entry
        this.mailboxes = MongoStore.followed(database.getCollection(MailboxStore.COLLECTION.name()));
    }

    public Mono<Allocation> allocate(ObjectId mailbox) {
        return allocate(Filters.eq("_id", mailbox)).switchIfEmpty(Mono.error(() -> missing(mailbox)));
    }

    /**
     * As {@link #allocate(ObjectId)}, in the user's mailbox named {@code path}: finding the mailbox
     * and allocating in it are one round trip. Empty when the user has no such mailbox.
     */
    public Mono<Allocation> allocate(ObjectId user, String path) {
        return allocate(MailboxStore.named(user, path));
    }

    private Mono<Allocation> allocate(Bson mailbox) {
        return Mono.from(mailboxes.findOneAndUpdate(mailbox,
                        Updates.combine(Updates.inc("uidNext", 1L), Updates.inc("modifyIndex", 1L)), AFTER))
                .map(d -> new Allocation(Mailbox.fromDocument(d), Message.number(d, "uidNext") - 1,
                        Message.number(d, "modifyIndex")));
    }

    /** A MODSEQ for a change that does not add a message: flags, expunge. */
    public Mono<Long> modseq(ObjectId mailbox) {
        return Mono.from(mailboxes.findOneAndUpdate(Filters.eq("_id", mailbox), Updates.inc("modifyIndex", 1L), AFTER))
                .switchIfEmpty(Mono.error(() -> missing(mailbox)))
                .map(d -> Message.number(d, "modifyIndex"));
    }

    private static MailboxException missing(ObjectId mailbox) {
        return new MailboxException(MailboxException.Code.NONEXISTENT, "No such mailbox: " + mailbox);
    }
}
