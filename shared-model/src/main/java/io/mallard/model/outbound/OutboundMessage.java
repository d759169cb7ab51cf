package io.mallard.model.outbound;

import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;

/**
 * A message waiting in the {@code outbound} queue for the SMTP relay: a forward or an autoreply.
 *
 * @param sender the envelope sender (MAIL FROM), empty for the null reverse-path
 * @param recipients envelope recipients
 * @param raw the exact bytes to send
 * @param origin why it is sent, e.g. {@code forward} or {@code autoreply}
 * @param user the user on whose behalf it is sent, or {@code null} for a forwarded-only address
 * @param attempts delivery attempts made so far
 * @param nextAttempt when the next attempt is due
 */
public record OutboundMessage(ObjectId id, String sender, List<String> recipients, byte[] raw, String origin,
        ObjectId user, int attempts, Instant nextAttempt, Instant created) {

    public OutboundMessage {
        recipients = List.copyOf(recipients);
    }
}
