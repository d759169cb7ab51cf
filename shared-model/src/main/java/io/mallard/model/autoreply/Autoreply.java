package io.mallard.model.autoreply;

import java.time.Instant;

/**
 * A user's vacation reply, after WildDuck's autoreply settings.
 *
 * @param enabled whether replies are sent at all
 * @param name the display name in the reply's From header, or {@code null} for the bare address
 * @param subject the reply's subject; blank means {@code Auto: } and the original subject
 * @param text the plain-text body
 * @param html an HTML alternative to {@code text}, or {@code null} for a plain-text reply
 * @param start replies begin at this instant, or {@code null} for now
 * @param end replies stop at this instant, or {@code null} for never
 * @param created when the settings were last written, or {@code null} for ones never stored
 */
public record Autoreply(boolean enabled, String name, String subject, String text, String html, Instant start,
        Instant end, Instant created) {

    /** What a user without a stored autoreply has: disabled, empty. */
    public static final Autoreply NONE = new Autoreply(false, null, null, null, null, null, null, null);

    /** Whether a message arriving at {@code now} is answered. */
    public boolean activeAt(Instant now) {
        return enabled && (start == null || !now.isBefore(start)) && (end == null || now.isBefore(end));
    }
}
