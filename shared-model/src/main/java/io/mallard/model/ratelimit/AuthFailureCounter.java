package io.mallard.model.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Mono;

/**
 * Failed logins counted in Redis over a sliding window, per login name and per client IP, for
 * every protocol ({@code /authenticate} now, IMAP and POP3 later).
 *
 * <p>Keys: {@code ratelimit:authfail:login:<login>} and {@code ratelimit:authfail:ip:<ip>}, each a
 * sorted set of attempts scored by their time (epoch ms, from the injected clock), never more
 * than {@code limit} members, expiring with the window.
 *
 * <p>{@link #begin} reserves a slot in both windows before the password is verified, in one
 * script per key, so that parallel guesses cannot all pass the check before the first failure
 * is written: at most {@code limit} passwords are ever verified per window. A wrong password
 * leaves its reservation as the failure; {@link LoginAttempt#passwordAccepted} removes it again.
 * Only the attempt's own entries are removed, so one login's success never resets failures
 * that others (an attacker elsewhere) have accumulated.
 *
 * <p>The login name is counted as typed (lowercased), whether or not such a user exists, so a
 * lockout looks the same for real and invented names. Refused attempts are not counted: they
 * verified nothing, and counting them would let one locked login push its IP over the limit.
 */
public final class AuthFailureCounter {

    static final String LOGIN_KEY = "ratelimit:authfail:login:";
    static final String IP_KEY = "ratelimit:authfail:ip:";

    /**
     * KEYS[1] the window; ARGV now (ms), window (ms), limit, member. Returns 0 when the member was
     * added, else the milliseconds until the oldest blocking entry leaves the window.
     */
    private static final String RESERVE = """
            local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            local count = redis.call('ZCARD', KEYS[1])
            if count >= limit then
              local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
              return math.max(1, tonumber(oldest[2]) + window - now)
            end
            redis.call('ZADD', KEYS[1], now, ARGV[4])
            redis.call('PEXPIRE', KEYS[1], window)
            return 0
            """;

    private final RedisReactiveCommands<String, String> redis;
    private final AuthFailureLimits limits;
    private final Clock clock;

    public AuthFailureCounter(RedisReactiveCommands<String, String> redis, AuthFailureLimits limits, Clock clock) {
        this.redis = redis;
        this.limits = limits;
        this.clock = clock;
    }

    /** Call before verifying a password; if the attempt is {@link LoginAttempt#locked()}, refuse without verifying. */
    public Mono<LoginAttempt> begin(String login, String ip) {
        String loginKey = LOGIN_KEY + (login == null ? "" : login.trim().toLowerCase(Locale.ROOT));
        String ipKey = IP_KEY + ip;
        // A random part keeps two attempts in the same millisecond (two instances) as two members.
        String member = clock.millis() + ":" + UUID.randomUUID();
        return reserve(loginKey, limits.perLogin(), member).flatMap(loginWait -> {
            if (loginWait > 0) {
                return Mono.just(LoginAttempt.locked(Duration.ofMillis(loginWait)));
            }
            return reserve(ipKey, limits.perIp(), member).flatMap(ipWait -> ipWait > 0
                    ? redis.zrem(loginKey, member).thenReturn(LoginAttempt.locked(Duration.ofMillis(ipWait)))
                    : Mono.just(new LoginAttempt(null, redis.zrem(loginKey, member).then(redis.zrem(ipKey, member)).then())));
        });
    }

    private Mono<Long> reserve(String key, FailureWindow window, String member) {
        return redis.<Long>eval(RESERVE, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(clock.millis()),
                Long.toString(window.window().toMillis()), Integer.toString(window.limit()), member).next();
    }
}
