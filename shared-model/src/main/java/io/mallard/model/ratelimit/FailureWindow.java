package io.mallard.model.ratelimit;

import java.time.Duration;

/** At most {@code limit} failures within any {@code window}; the next attempt is refused until the oldest falls out. */
public record FailureWindow(int limit, Duration window) {

    public FailureWindow {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("Need limit >= 1 and a positive window, got " + limit + " per " + window);
        }
    }
}
