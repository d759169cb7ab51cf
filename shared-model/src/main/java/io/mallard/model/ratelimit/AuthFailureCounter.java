package io.mallard.model.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Failed logins counted in Redis over a sliding window, per login name and per client IP, for
 * every protocol ({@code /authenticate} now, IMAP and POP3 later).
 *
 * <p>Keys: {@code ratelimit:authfail:login:<login>} and {@code ratelimit:authfail:ip:<ip>}, each a
 * sorted set of failures scored by their time (epoch ms, from the injected clock), trimmed to
 * the newest {@code limit} entries and expiring with the window.
 *
 * <p>Callers check {@link #lockout} before verifying a password and {@link #recordFailure} after a
 * wrong one. The login name is counted as typed (lowercased), whether or not such a user exists,
 * so a lockout looks the same for real and invented names. Attempts refused during a lockout are
 * not counted: they verified nothing, and counting them would let one locked login push its IP
 * over the per-IP limit. Success resets nothing: otherwise anyone who knows one valid password
 * could reset the counters an attacker is accumulating against it from elsewhere.
 */
public final class AuthFailureCounter {

    static final String LOGIN_KEY = "ratelimit:authfail:login:";
    static final String IP_KEY = "ratelimit:authfail:ip:";

    private final RedisReactiveCommands<String, String> redis;
    private final AuthFailureLimits limits;
    private final Clock clock;

    public AuthFailureCounter(RedisReactiveCommands<String, String> redis, AuthFailureLimits limits, Clock clock) {
        this.redis = redis;
        this.limits = limits;
        this.clock = clock;
    }

    /** How long until the login or the IP may try again; empty when neither is locked. */
    public Mono<Duration> lockout(String login, String ip) {
        return Flux.concat(lockout(loginKey(login), limits.perLogin()), lockout(IP_KEY + ip, limits.perIp()))
                .reduce((a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    public Mono<Void> recordFailure(String login, String ip) {
        return Mono.when(record(loginKey(login), limits.perLogin()), record(IP_KEY + ip, limits.perIp()));
    }

    private Mono<Duration> lockout(String key, FailureWindow window) {
        long now = clock.millis();
        long windowStart = now - window.window().toMillis();
        return redis.zrangebyscoreWithScores(key, Range.create((double) windowStart + 1, Double.POSITIVE_INFINITY))
                .map(ScoredValue::getScore)
                .collectList()
                .filter(failures -> failures.size() >= window.limit())
                // Open again when enough old failures leave the window to drop below the limit.
                .map(failures -> Duration.ofMillis(oldestBlocking(failures, window) + window.window().toMillis() - now))
                .filter(wait -> wait.toMillis() > 0);
    }

    private static long oldestBlocking(List<Double> ascendingScores, FailureWindow window) {
        return ascendingScores.get(ascendingScores.size() - window.limit()).longValue();
    }

    private Mono<Void> record(String key, FailureWindow window) {
        long now = clock.millis();
        // A random suffix keeps two failures in the same millisecond (two instances) as two members.
        String member = now + ":" + UUID.randomUUID();
        return redis.zadd(key, (double) now, member)
                .then(redis.zremrangebyscore(key, Range.create(Double.NEGATIVE_INFINITY, (double) (now - window.window().toMillis()))))
                // Only the newest `limit` failures matter for the decision; this bounds the set.
                .then(redis.zremrangebyrank(key, 0, -(window.limit() + 1)))
                .then(redis.pexpire(key, window.window()))
                .then();
    }

    private static String loginKey(String login) {
        return LOGIN_KEY + (login == null ? "" : login.trim().toLowerCase(Locale.ROOT));
    }
}
