package io.mallard.lmtp.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.mallard.model.store.RedisStore;
import reactor.core.publisher.Mono;

/**
 * Forwards per day for one forwarding owner (a user, or a forwarded-only address), so that a
 * forward cannot be turned into a spam cannon. A Redis counter per owner and UTC day: losing it
 * to a Redis restart only lets one day's forwards start over.
 */
public final class ForwardLimit {

    private final RedisStore redis;
    private final Clock clock;
    private final int platformDefault;

    public ForwardLimit(RedisStore redis, Clock clock, int platformDefault) {
        this.redis = redis;
        this.clock = clock;
        this.platformDefault = platformDefault;
    }

    /**
     * Counts one forward of {@code owner} and tells whether it is within the limit.
     *
     * @param perDay the owner's own limit, 0 for the platform default
     */
    public Mono<Boolean> take(String owner, int perDay) {
        int limit = perDay > 0 ? perDay : platformDefault;
        String key = "forwards:" + owner + ":" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return redis.commands().incr(key)
                .flatMap(count -> count == 1
                        ? redis.commands().expire(key, Duration.ofDays(2).toSeconds()).thenReturn(count)
                        : Mono.just(count))
                .map(count -> count <= limit);
    }
}
