package io.mallard.model.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Mono;

/**
 * Per-owner counts per UTC day in Redis, for WildDuck's daily limits: forwards per user or
 * forwarded address, recipients a user may send to. One key per owner and day
 * ({@code <name>:<owner>:<yyyy-mm-dd>}), kept two days: losing it to a Redis restart only lets one
 * day's count start over.
 */
public final class DailyCounter {

    /** Messages forwarded by a user or a forwarded address (LMTP counts, the API shows). */
    public static final String FORWARDS = "forwards";
    /** Recipients a user sent to through the API's submission (WildDuck's {@code recipients} limit). */
    public static final String RECIPIENTS = "recipients";

    private static final Duration KEPT = Duration.ofDays(2);

    private final RedisReactiveCommands<String, String> redis;
    private final Clock clock;
    private final String name;

    public DailyCounter(RedisReactiveCommands<String, String> redis, Clock clock, String name) {
        this.redis = redis;
        this.clock = clock;
        this.name = name;
    }

    /** Adds {@code count} to today's count of {@code owner}; emits the new total. */
    public Mono<Long> add(String owner, long count) {
        String key = key(owner);
        return redis.incrby(key, count)
                .flatMap(total -> total == count ? redis.expire(key, KEPT.toSeconds()).thenReturn(total) : Mono.just(total));
    }

    /** Today's count of {@code owner}. */
    public Mono<Long> today(String owner) {
        return redis.get(key(owner)).map(Long::parseLong).defaultIfEmpty(0L);
    }

    /** Seconds until today's count starts over. */
    public long secondsLeft() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return Duration.between(clock.instant(), today.plusDays(1).atStartOfDay(ZoneOffset.UTC)).toSeconds();
    }

    private String key(String owner) {
        return name + ":" + owner + ":" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
