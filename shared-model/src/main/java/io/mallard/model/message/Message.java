package io.mallard.model.message;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A stored message in {@code messages}.
 *
 * @param id the document id, stable across flag changes and moves
 * @param mailbox the mailbox it is in
 * @param user the owner
 * @param uid RFC 3501 2.3.1.1 UID, unique in the mailbox and never reused
 * @param modseq RFC 7162 mod-sequence of its last change
 * @param thread the conversation it belongs to
 * @param flags its flags (system flags with the backslash, keywords as given)
 * @param internalDate RFC 3501 INTERNALDATE, stored as {@code idate} like WildDuck
 * @param size RFC 822 size in bytes
 * @param messageId the Message-ID header
 * @param subject the Subject header
 * @param content the ingest step's document; empty, or without its parsed part, when read with fewer
 *     {@linkplain MessageFields fields}
 */
public record Message(ObjectId id, ObjectId mailbox, ObjectId user, long uid, long modseq, ObjectId thread,
        List<String> flags, Instant internalDate, long size, String messageId, String subject, Document content) {

    public static final String SEEN = "\\Seen";
    public static final String DELETED = "\\Deleted";

    /** Every field {@link #toDocument} writes but the content, and the tombstone mark {@link #isMessage} reads. */
    static final List<String> FIELDS_BUT_CONTENT = List.of("_id", "mailbox", "user", "uid", "modseq", "thread",
            "flags", "idate", "size", "messageId", "subject", "abandoned");

    /**
     * False for a UID tombstone. Every read filters tombstones out in the query too, but the
     * embedded store can match a message and then return the tombstone that replaced it meanwhile.
     */
    static boolean isMessage(Document d) {
        return !Boolean.TRUE.equals(d.getBoolean("abandoned")) && d.containsKey("idate");
    }

    static Message fromDocument(Document d) {
        return new Message(d.getObjectId("_id"), d.getObjectId("mailbox"), d.getObjectId("user"), number(d, "uid"),
                number(d, "modseq"), d.getObjectId("thread"), List.copyOf(d.getList("flags", String.class, List.of())),
                d.getDate("idate").toInstant(), number(d, "size"), d.getString("messageId"), d.getString("subject"),
                d.get("content", new Document()));
    }

    Document toDocument() {
        return new Document("_id", id).append("mailbox", mailbox).append("user", user).append("uid", uid)
                .append("modseq", modseq).append("thread", thread).append("flags", flags)
                .append("idate", Date.from(internalDate)).append("size", size)
                .append("messageId", messageId).append("subject", subject).append("content", content);
    }

    /** The same message holding other content: a copy's own reference to the bytes. */
    Message holding(Document newContent) {
        return new Message(id, mailbox, user, uid, modseq, thread, flags, internalDate, size, messageId, subject,
                newContent);
    }

    Message placed(ObjectId newId, ObjectId newMailbox, long newUid, long newModseq) {
        return new Message(newId, newMailbox, user, newUid, newModseq, thread, flags, internalDate, size, messageId,
                subject, content);
    }

    Message withModseq(long newModseq) {
        return new Message(id, mailbox, user, uid, newModseq, thread, flags, internalDate, size, messageId, subject, content);
    }

    /** This message carrying {@code other}'s content: a flag change reads none, and a FETCH goes on with what it read. */
    public Message withContentOf(Message other) {
        return new Message(id, mailbox, user, uid, modseq, thread, flags, internalDate, size, messageId, subject,
                other.content);
    }

    static long number(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0L;
    }
}
