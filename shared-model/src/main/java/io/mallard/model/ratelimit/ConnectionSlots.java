package io.mallard.model.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.bson.types.ObjectId;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Concurrent connections per user of one protocol, counted across every instance in Redis
 * (WildDuck's {@code imapMaxConnections}, default 15): a login takes a slot or is refused.
 *
 * <p>Key {@code connections:<protocol>:<user>} is a sorted set of slot ids scored by the time
 * (epoch ms, from the injected clock) at which each slot's lease runs out. A holder renews its
 * lease every third of the lease period while the connection lives and removes it on close; the
 * slots of an instance that crashed simply run out, so a dead instance can never lock its users
 * out for longer than one lease. Taking a slot sweeps expired ones and counts in one script, so
 * two instances can never both take the last slot.
 */
public final class ConnectionSlots {

    /** The set lives at least as long as the slot just written (ARGV[1] now, ARGV[2] its expiry). */
    private static final String KEEP_SET = """
            if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) - tonumber(ARGV[1]) then
              redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) - tonumber(ARGV[1]))
            end
            """;

    /** KEYS[1] the set; ARGV now, expiry, limit, id. 1 when the slot was taken, 0 when all are in use. */
    private static final String ACQUIRE = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
              return 0
            end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
            """ + KEEP_SET + "return 1";

    /**
     * Extends a slot that still exists: one that ran out (the instance stalled for a
     * whole lease) is not taken back, since the limit may have been reached by others meanwhile.
     */
    private static final String RENEW = """
            local expires = redis.call('ZSCORE', KEYS[1], ARGV[3])
            if not expires or tonumber(expires) <= tonumber(ARGV[1]) then
              redis.call('ZREM', KEYS[1], ARGV[3])
              return 0
            end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
            """ + KEEP_SET + "return 1";

    private final RedisReactiveCommands<String, String> redis;
    private final String protocol;
    private final Duration lease;
    private final Clock clock;

    /** @param lease how long a slot outlives its last renewal, i.e. the longest a crashed instance holds one */
    public ConnectionSlots(RedisReactiveCommands<String, String> redis, String protocol, Duration lease, Clock clock) {
        if (lease.toMillis() < 3) {
            throw new IllegalArgumentException("Lease too short: " + lease);
        }
        this.redis = redis;
        this.protocol = protocol;
        this.lease = lease;
        this.clock = clock;
    }

    /** One of at most {@code limit} slots of the user, renewing itself until released; empty when all are taken. */
    public Mono<Slot> acquire(ObjectId user, int limit) {
        String key = key(user);
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        return redis.<Long>eval(ACQUIRE, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(now),
                        Long.toString(now + lease.toMillis()), Integer.toString(limit), id).next()
                .filter(taken -> taken == 1)
                .map(taken -> new Slot(key, id));
    }

    /** Slots of the user whose lease has not run out. */
    public Mono<Long> inUse(ObjectId user) {
        return redis.zcount(key(user), Range.create(clock.millis() + 1, Long.MAX_VALUE));
    }

    private String key(ObjectId user) {
        return "connections:" + protocol + ":" + user.toHexString();
    }

    /** A taken slot. {@link #release} once the connection ends. */
    public final class Slot {

        private final String key;
        private final String id;
        private final Disposable renewal;

        private Slot(String key, String id) {
            this.key = key;
            this.id = id;
            // A failed renewal is retried at the next tick; the lease covers two missed ones.
            this.renewal = Flux.interval(lease.dividedBy(3))
                    .concatMap(tick -> renew().onErrorResume(error -> Mono.empty()))
                    .subscribe();
        }

        /** Pushes the lease's end one lease period from now; false when the slot had already run out. */
        public Mono<Boolean> renew() {
            long now = clock.millis();
            return redis.<Long>eval(RENEW, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(now),
                    Long.toString(now + lease.toMillis()), id).next().map(renewed -> renewed == 1);
        }

        /** Stops renewing and frees the slot; a failure leaves it to run out. */
        public Mono<Void> release() {
            renewal.dispose();
            return redis.zrem(key, id).then();
        }
    }
}
