package io.mallard.model.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Mono;

/**
 * Failed logins counted in Redis over a sliding window, per account and per client IP, for
 * every protocol (IMAP, POP3, {@code /authenticate}; {@code CredentialCheck} calls it).
 *
 * <p>Keys: {@code ratelimit:authfail:login:<who>} and {@code ratelimit:authfail:ip:<ip>}, each a
 * sorted set of attempts scored by their time (epoch ms, from the injected clock), never more
 * than {@code limit} members, expiring with the window. {@code <who>} names the account the
 * login resolved to, or the login name itself when it resolved to none.
 *
 * <p>{@link #begin} reserves a slot in both windows before the password is verified, in one
 * script for both keys, so that parallel guesses cannot all pass the check before the first failure
 * is written: at most {@code limit} passwords are ever verified per window. A wrong password
 * leaves its reservation as the failure; {@link LoginAttempt#passwordAccepted} removes it again.
 * Only the attempt's own entries are removed, so one login's success never resets failures
 * that others (an attacker elsewhere) have accumulated.
 *
 * <p>Refused attempts are not counted: they verified nothing, and counting them would let one
 * locked login push its IP over the limit. The first refusal of a lockout per address is marked
 * ({@code ratelimit:authfail:locked:<who>:<ip>}, living as long as the lockout) so that the auth
 * log gets one entry per lockout and address, not one per refused guess.
 */
public final class AuthFailureCounter {

    static final String LOGIN_KEY = "ratelimit:authfail:login:";
    static final String IP_KEY = "ratelimit:authfail:ip:";
    static final String LOCKED_KEY = "ratelimit:authfail:locked:";

    /**
     * KEYS[1] the account's window, KEYS[2] the IP's; ARGV now (ms), then window (ms) and limit of
     * each, then the member. Reserves a slot in both or in neither, in one round trip: returns 0
     * when the member was added to both, else the milliseconds until the oldest blocking entry
     * leaves its window.
     */
    private static final String RESERVE = """
            local function reserve(key, window, limit, now, member)
              redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
              local count = redis.call('ZCARD', key)
              if count >= limit then
                local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
                return math.max(1, tonumber(oldest[2]) + window - now)
              end
              redis.call('ZADD', key, now, member)
              redis.call('PEXPIRE', key, window)
              return 0
            end
            local now = tonumber(ARGV[1])
            local wait = reserve(KEYS[1], tonumber(ARGV[2]), tonumber(ARGV[3]), now, ARGV[6])
            if wait > 0 then
              return wait
            end
            wait = reserve(KEYS[2], tonumber(ARGV[4]), tonumber(ARGV[5]), now, ARGV[6])
            if wait > 0 then
              redis.call('ZREM', KEYS[1], ARGV[6])
            end
            return wait
            """;

    private final RedisReactiveCommands<String, String> redis;
    private final AuthFailureLimits limits;
    private final Clock clock;

    public AuthFailureCounter(RedisReactiveCommands<String, String> redis, AuthFailureLimits limits, Clock clock) {
        this.redis = redis;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Call before verifying a password; if the attempt is {@link LoginAttempt#locked()}, refuse
     * without verifying.
     *
     * @param who the account's window, lowercased here
     */
    public Mono<LoginAttempt> begin(String who, String ip) {
        String account = who == null ? "" : who.trim().toLowerCase(Locale.ROOT);
        String loginKey = LOGIN_KEY + account;
        String ipKey = IP_KEY + ip;
        // A random part keeps two attempts in the same millisecond (two instances) as two members.
        String member = clock.millis() + ":" + UUID.randomUUID();
        FailureWindow perLogin = limits.perLogin();
        FailureWindow perIp = limits.perIp();
        return redis.<Long>eval(RESERVE, ScriptOutputType.INTEGER, new String[] {loginKey, ipKey},
                        Long.toString(clock.millis()), Long.toString(perLogin.window().toMillis()),
                        Integer.toString(perLogin.limit()), Long.toString(perIp.window().toMillis()),
                        Integer.toString(perIp.limit()), member).next()
                .flatMap(wait -> wait > 0 ? locked(account, ip, wait)
                        : Mono.just(new LoginAttempt(null, false,
                                Mono.when(redis.zrem(loginKey, member), redis.zrem(ipKey, member)))));
    }

    private Mono<LoginAttempt> locked(String account, String ip, long waitMs) {
        return redis.set(LOCKED_KEY + account + ":" + ip, "1", SetArgs.Builder.nx().px(waitMs))
                .map("OK"::equals)
                .defaultIfEmpty(false)
                .map(first -> LoginAttempt.locked(Duration.ofMillis(waitMs), first));
    }
}
