package io.mallard.model.filter;

import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * What a matching filter does, after WildDuck's filter action.
 *
 * @param seen mark \Seen
 * @param flag mark \Flagged
 * @param delete do not store the message at all
 * @param spam deliver to Junk (and never forward)
 * @param mailbox the id of the user's mailbox to store in instead of INBOX, or null; an id (as
 *     WildDuck keeps it) rather than a path, so that renaming the mailbox keeps the filter working
 * @param forwards addresses to forward a copy to
 * @param webhooks HTTPS URLs that receive the raw message by POST
 */
public record FilterAction(boolean seen, boolean flag, boolean delete, boolean spam, ObjectId mailbox,
        List<String> forwards, List<String> webhooks) {

    public FilterAction {
        forwards = forwards == null ? List.of() : List.copyOf(forwards);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    Document toDocument() {
        return new Document("seen", seen).append("flag", flag).append("delete", delete).append("spam", spam)
                .append("mailbox", mailbox).append("targets", forwards).append("webhooks", webhooks);
    }

    static FilterAction fromDocument(Document d) {
        return new FilterAction(d.getBoolean("seen", false), d.getBoolean("flag", false), d.getBoolean("delete", false),
                d.getBoolean("spam", false), d.getObjectId("mailbox"), d.getList("targets", String.class, List.of()),
                d.getList("webhooks", String.class, List.of()));
    }
}
