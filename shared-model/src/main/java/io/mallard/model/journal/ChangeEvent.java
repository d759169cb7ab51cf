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

    /**
     * What the journal publishes on the owner's channel once the entry is written: the mailbox and
     * the MODSEQ, and for a message's change the change itself (command, UID, time, flags), so that
     * a listener need not read it back. Flags are IMAP atoms; a flag with a space in it, or a
     * change of the mailbox itself, is announced by mailbox and MODSEQ only.
     */
    String announcement() {
        String head = mailbox.toHexString() + ' ' + modseq;
        if (uid == 0 || path != null || flags.stream().anyMatch(flag -> flag.isEmpty() || flag.indexOf(' ') >= 0)) {
            return head;
        }
        StringBuilder text = new StringBuilder(head).append(' ').append(command.name()).append(' ').append(uid)
                .append(' ').append(created.toEpochMilli());
        flags.forEach(flag -> text.append(' ').append(flag));
        return text.toString();
    }

    /** The change an {@link #announcement} of {@code user}'s carries, or {@code null} when it only names one. */
    static ChangeEvent fromAnnouncement(ObjectId user, String[] parts) {
        if (parts.length < 5) {
            return null;
        }
        return new ChangeEvent(user, new ObjectId(parts[0]), ChangeCommand.valueOf(parts[2]), Long.parseLong(parts[3]),
                Long.parseLong(parts[1]), List.of(parts).subList(5, parts.length), null,
                Instant.ofEpochMilli(Long.parseLong(parts[4])));
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
