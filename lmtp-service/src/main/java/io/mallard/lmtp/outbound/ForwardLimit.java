package io.mallard.lmtp.outbound;

import io.mallard.model.ratelimit.DailyCounter;
import reactor.core.publisher.Mono;

/**
 * Forwards per day for one forwarding owner (a user, or a forwarded-only address), so that a
 * forward cannot be turned into a spam cannon; counted by the {@link DailyCounter#FORWARDS}
 * counter, which the API reads back.
 */
public final class ForwardLimit {

    private final DailyCounter counter;
    private final int platformDefault;

    public ForwardLimit(DailyCounter counter, int platformDefault) {
        this.counter = counter;
        this.platformDefault = platformDefault;
    }

    /**
     * Counts one forward of {@code owner} and tells whether it is within the limit.
     *
     * @param perDay the owner's own limit, 0 for the platform default
     */
    public Mono<Boolean> take(String owner, int perDay) {
        int limit = perDay > 0 ? perDay : platformDefault;
        return counter.add(owner, 1).map(count -> count <= limit);
    }
}
