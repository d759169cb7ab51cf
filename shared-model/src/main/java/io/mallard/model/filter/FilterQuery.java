package io.mallard.model.filter;

import org.bson.Document;

/**
 * When a filter matches, after WildDuck's filter query: every given condition must hold; an
 * unset (null) condition is ignored.
 *
 * @param from text in the From header (name or address), case-insensitive
 * @param to text in To or Cc
 * @param subject text in the Subject
 * @param listId text in List-ID
 * @param text words or "quoted phrases" in subject and body, all required; {@code OR} between
 *     groups makes alternatives
 * @param hasAttachment whether the message must (true) or must not (false) have attachments
 * @param size positive: larger than this many bytes; negative: smaller than its absolute value
 */
public record FilterQuery(String from, String to, String subject, String listId, String text, Boolean hasAttachment,
        Long size) {

    Document toDocument() {
        return new Document("from", from).append("to", to).append("subject", subject).append("listId", listId)
                .append("text", text).append("ha", hasAttachment).append("size", size);
    }

    static FilterQuery fromDocument(Document d) {
        Number size = d.get("size", Number.class);
        return new FilterQuery(d.getString("from"), d.getString("to"), d.getString("subject"), d.getString("listId"),
                d.getString("text"), d.getBoolean("ha"), size == null ? null : size.longValue());
    }
}
