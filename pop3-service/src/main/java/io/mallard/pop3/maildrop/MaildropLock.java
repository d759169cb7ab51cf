package io.mallard.pop3.maildrop;

import java.time.Duration;

import org.bson.types.ObjectId;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.mallard.model.store.RedisStore;
import reactor.core.publisher.Mono;

/**
 * RFC 1939 §8 asks for an exclusive-access lock on the maildrop: a second session on the same
 * INBOX is refused with {@code -ERR [IN-USE]} (RFC 2449 §8.1.1) rather than allowed read-only,
 * because two sessions that each DELE and QUIT would report numbering that no longer holds and
 * clients like fetchmail then download twice or delete the wrong message.
 *
 * <p>The lock is a Redis key with a TTL, shared by every POP3 instance. The session renews it on
 * each command and removes it when the connection closes; a crashed instance's lock expires after
 * the TTL, which is the idle timeout plus a margin so an idle but live session keeps it.
 */
public final class MaildropLock {

    /** Deletes or extends the key only when it still holds this session's id. */
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

    private final RedisStore redis;
    private final Duration ttl;

    public MaildropLock(RedisStore redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    /** The user's maildrop for this session, or empty when another session holds it. */
    public Mono<Lease> acquire(ObjectId user, String session) {
        return redis.commands().set(key(user), session, SetArgs.Builder.nx().px(ttl.toMillis()))
                .filter("OK"::equals)
                .map(ok -> new Lease(key(user), session, System.nanoTime()));
    }

    /** A held lock; renewed at most every third of the TTL, so commands rarely wait on Redis. */
    public final class Lease {

        private final String key;
        private final String session;
        private volatile long renewedAt;

        private Lease(String key, String session, long renewedAt) {
            this.key = key;
            this.session = session;
            this.renewedAt = renewedAt;
        }

        public Mono<Void> renewIfDue() {
            long now = System.nanoTime();
            if (now - renewedAt < ttl.toNanos() / 3) {
                return Mono.empty();
            }
            renewedAt = now;
            return redis.commands().<Long>eval(RENEW, ScriptOutputType.INTEGER, new String[] {key}, session,
                    Long.toString(ttl.toMillis())).then();
        }

        public Mono<Void> release() {
            return redis.commands().<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, session).then();
        }
    }

    private static String key(ObjectId user) {
        return "pop3:lock:" + user.toHexString();
    }
}
