package io.mallard.model.journal;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * One change to one mailbox, as written to {@code journal} and handed to listening sessions.
 *
 * @param user the mailbox owner, whose notification channel carries the change
 * @param mailbox the changed mailbox
 * @param command what happened
 * @param uid the message UID, 0 for mailbox-level changes
 * @param modseq the mailbox MODSEQ of the change; listeners read the journal in this order
 * @param flags the message's flags after the change (EXISTS, FLAGS), else empty
 * @param path the mailbox path after the change (CREATE, RENAME, DELETE), else {@code null}
 * @param created when the change was made
 */
public record ChangeEvent(ObjectId user, ObjectId mailbox, ChangeCommand command, long uid, long modseq,
        List<String> flags, String path, Instant created) {

    public ChangeEvent {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    public static ChangeEvent exists(ObjectId user, ObjectId mailbox, long uid, long modseq, List<String> flags) {
        return new ChangeEvent(user, mailbox, ChangeCommand.EXISTS, uid, modseq, flags, null, Instant.now());
    }

    public static ChangeEvent expunge(ObjectId user, ObjectId mailbox, long uid, long modseq) {
        return new ChangeEvent(user, mailbox, ChangeCommand.EXPUNGE, uid, modseq, null, null, Instant.now());
    }

    public static ChangeEvent flags(ObjectId user, ObjectId mailbox, long uid, long modseq, List<String> flags) {
        return new ChangeEvent(user, mailbox, ChangeCommand.FLAGS, uid, modseq, flags, null, Instant.now());
    }

    public static ChangeEvent mailbox(ChangeCommand command, ObjectId user, ObjectId mailbox, String path, long modseq) {
        return new ChangeEvent(user, mailbox, command, 0, modseq, null, path, Instant.now());
    }

    public ChangeEvent withModseq(long newModseq) {
        return new ChangeEvent(user, mailbox, command, uid, newModseq, flags, path, created);
    }

    /** Identifies the entry for de-duplication: a listener may read one entry twice. */
    String key() {
        return mailbox.toHexString() + ':' + modseq + ':' + command + ':' + uid;
    }

    Document toDocument(Instant expiresAt) {
        return new Document("user", user).append("mailbox", mailbox).append("command", command.name())
                .append("uid", uid).append("modseq", modseq).append("flags", flags).append("path", path)
                .append("created", Date.from(created)).append("expiresAt", Date.from(expiresAt));
    }

    static ChangeEvent fromDocument(Document d) {
        return new ChangeEvent(d.getObjectId("user"), d.getObjectId("mailbox"),
                ChangeCommand.valueOf(d.getString("command")), ((Number) d.get("uid")).longValue(),
                ((Number) d.get("modseq")).longValue(), d.getList("flags", String.class), d.getString("path"),
                d.getDate("created").toInstant());
    }
}
