package io.mallard.model.mailbox;

import java.util.Locale;

import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * One IMAP mailbox of one user, as stored in {@code mailboxes}.
 *
 * @param id the mailbox id
 * @param user the owning user
 * @param path the full name, levels separated by {@link #DELIMITER}
 * @param specialUse an RFC 6154 attribute such as {@code \Sent}, or {@code null}
 * @param uidValidity RFC 3501 2.3.1.1 UIDVALIDITY, fixed at creation and never reused for this path
 * @param uidNext the next UID the allocator hands out (RFC 3501 UIDNEXT is bounded by it)
 * @param modifyIndex the highest MODSEQ handed out, RFC 7162 HIGHESTMODSEQ
 * @param subscribed whether LSUB lists it (RFC 3501 6.3.6)
 * @param retention how long messages stay before the expiry sweeper removes them, 0 = forever
 * @param hidden whether LIST leaves it out
 */
public record Mailbox(ObjectId id, ObjectId user, String path, String specialUse, long uidValidity,
        long uidNext, long modifyIndex, boolean subscribed, long retention, boolean hidden) {

    /** The hierarchy delimiter returned by LIST (RFC 3501 6.3.8). */
    public static final String DELIMITER = "/";
    public static final String INBOX = "INBOX";

    /**
     * RFC 3501 5.1: "INBOX" is case-insensitive, and so is the INBOX level of its children,
     * so {@code inbox/Work} and {@code INBOX/Work} name one mailbox.
     */
    public static String normalize(String path) {
        if (path.equalsIgnoreCase(INBOX)) {
            return INBOX;
        }
        if (path.length() > INBOX.length()
                && path.substring(0, INBOX.length() + 1).toUpperCase(Locale.ROOT).equals(INBOX + DELIMITER)) {
            return INBOX + path.substring(INBOX.length());
        }
        return path;
    }

    public boolean isInbox() {
        return INBOX.equals(path);
    }

    public static Mailbox fromDocument(Document d) {
        return new Mailbox(d.getObjectId("_id"), d.getObjectId("user"), d.getString("path"),
                d.getString("specialUse"), number(d, "uidValidity"), number(d, "uidNext"),
                number(d, "modifyIndex"), Boolean.TRUE.equals(d.getBoolean("subscribed")),
                number(d, "retention"), Boolean.TRUE.equals(d.getBoolean("hidden")));
    }

    // Counters written by $inc may come back as int or long depending on the server.
    static long number(Document d, String field) {
        Object value = d.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
