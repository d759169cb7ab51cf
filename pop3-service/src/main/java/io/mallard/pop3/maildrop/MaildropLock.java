package io.mallard.pop3.maildrop;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

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

    /** Deletes or extends the key only when it still holds this lease's token. */
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

    private final RedisStore redis;
    private final Duration ttl;
    private final AtomicLong acquisitions = new AtomicLong();

    public MaildropLock(RedisStore redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    /**
     * The user's maildrop for this session, or empty when another session holds it. Each call
     * holds the lock under a token of its own: a login gives back what it took in the background
     * when its password turns out wrong, and that late release must not free the lock a later
     * login of the same session took meanwhile.
     */
    public Mono<Lease> acquire(ObjectId user, String session) {
        String token = session + "#" + acquisitions.incrementAndGet();
        return redis.commands().set(key(user), token, SetArgs.Builder.nx().px(ttl.toMillis()))
                .filter("OK"::equals)
                .map(ok -> new Lease(key(user), token, System.nanoTime()));
    }

    /** A held lock; renewed at most every third of the TTL, so commands rarely wait on Redis. */
    public final class Lease {

        private final String key;
        private final String token;
        private volatile long renewedAt;

        private Lease(String key, String token, long renewedAt) {
            this.key = key;
            this.token = token;
            this.renewedAt = renewedAt;
        }

        public Mono<Void> renewIfDue() {
            long now = System.nanoTime();
            if (now - renewedAt < ttl.toNanos() / 3) {
                return Mono.empty();
            }
            renewedAt = now;
            return redis.commands().<Long>eval(RENEW, ScriptOutputType.INTEGER, new String[] {key}, token,
                    Long.toString(ttl.toMillis())).then();
        }

        public Mono<Void> release() {
            return redis.commands().<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, token).then();
        }
    }

    private static String key(ObjectId user) {
        return "pop3:lock:" + user.toHexString();
    }
}
