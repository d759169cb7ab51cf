package io.mallard.model.user;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Usernames are trimmed and lowercased, then must be 1..128 of {@code a-z 0-9 . _ -}, starting
 * with a letter or digit. No {@code @}: a login name with an {@code @} is always an address, so
 * the two never compete.
 */
public final class Username {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    private Username() {
    }

    public static String normalize(String username) {
        String normalized = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!VALID.matcher(normalized).matches()) {
            throw new IllegalArgumentException("Invalid username \"" + username + "\"");
        }
        return normalized;
    }
}
