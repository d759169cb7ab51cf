package io.mallard.model.autoreply;

import java.time.Instant;

/**
 * A user's vacation reply, after WildDuck's autoreply settings.
 *
 * @param enabled whether replies are sent at all
 * @param subject the reply's subject; blank means {@code Auto: } and the original subject
 * @param text the plain-text body
 * @param start replies begin at this instant, or {@code null} for now
 * @param end replies stop at this instant, or {@code null} for never
 */
public record Autoreply(boolean enabled, String subject, String text, Instant start, Instant end) {

    /** Whether a message arriving at {@code now} is answered. */
    public boolean activeAt(Instant now) {
        return enabled && (start == null || !now.isBefore(start)) && (end == null || now.isBefore(end));
    }
}
