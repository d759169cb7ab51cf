package io.mallard.model.message;

import java.time.Instant;

import org.bson.types.ObjectId;

/**
 * What a message search asks for, after WildDuck's search parameters; null fields do not
 * filter. Text matches are case-insensitive substrings of the decoded values.
 *
 * @param user whose messages, in every mailbox unless {@code mailbox} narrows it
 * @param text anywhere in the subject, the address fields or the body text
 * @param from the From name or address
 * @param to a To or Cc name or address
 * @param dateStart received at or after (the internal date, WildDuck's {@code datestart})
 * @param dateEnd received at or before
 * @param flagged whether \Flagged is set
 * @param seen whether \Seen is set
 * @param attachments whether the message has attachments
 * @param minSize at least this many bytes
 * @param maxSize at most this many bytes
 */
public record MessageQuery(ObjectId user, ObjectId mailbox, ObjectId thread, String text, String from, String to,
        String subject, Instant dateStart, Instant dateEnd, Boolean flagged, Boolean seen, Boolean attachments,
        Long minSize, Long maxSize) {

    /** Every message of the user. */
    public static MessageQuery of(ObjectId user) {
        return new MessageQuery(user, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
