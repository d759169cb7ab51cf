package io.mallard.model.access;

import java.time.Duration;

/**
 * How long a token lives: each use pushes its expiry {@code sliding} ahead, but never past
 * {@code maximum} after it was issued, so a stolen token that is kept busy still dies.
 */
public record TokenLifetime(Duration sliding, Duration maximum) {

    public static final TokenLifetime DEFAULTS = new TokenLifetime(Duration.ofDays(14), Duration.ofDays(180));

    public TokenLifetime {
        if (sliding.isNegative() || sliding.isZero() || maximum.compareTo(sliding) < 0) {
            throw new IllegalArgumentException("Need 0 < sliding <= maximum, got " + sliding + " and " + maximum);
        }
    }
}
