package io.mallard.model.user;

import java.time.Clock;
import java.util.OptionalLong;

import org.bson.types.ObjectId;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Mono;

/**
 * TOTP as a second factor: a seed is set up as pending, takes effect once a code from it is
 * confirmed ({@link #enable}), and then every MASTER login needs a code too.
 *
 * <p>Replay: RFC 6238 §5.2 says an OTP must not be accepted again after it was validated once.
 * Redis keeps the last accepted step per user ({@code totp:step:<user>}, expiring when no code of
 * it could be accepted any more) and a code is accepted only for a newer step, in one script, so
 * two instances cannot both accept the same code. The step the enabling code used counts too.
 */
public final class TotpCheck {

    static final String STEP_KEY = "totp:step:";

    /** KEYS[1] the user's key; ARGV step, ttl (ms). 1 if the step is newer than the last accepted (and is now the last), else 0. */
    private static final String ACCEPT = """
            local last = tonumber(redis.call('GET', KEYS[1]) or '-1')
            if tonumber(ARGV[1]) <= last then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1
            """;

    /** A step's code is accepted from one step before it to one step after it: three steps in all. */
    private static final long STEP_TTL_MS = 3 * TotpCodes.STEP.toMillis();

    private final UserStore users;
    private final RedisReactiveCommands<String, String> redis;
    private final SeedCipher cipher;
    private final Clock clock;

    /** @param encryptionKey seals seeds at rest; null or blank stores them as they are */
    public TotpCheck(UserStore users, RedisReactiveCommands<String, String> redis, String encryptionKey, Clock clock) {
        this.users = users;
        this.redis = redis;
        this.cipher = SeedCipher.withKey(encryptionKey);
        this.clock = clock;
    }

    /**
     * A new pending seed for the user, replacing any earlier pending one; empty when there is no
     * such user, an error when TOTP is already on (turn it off first: a token alone must not move
     * the second factor to another device).
     */
    public Mono<TotpSetup> setup(ObjectId user, String issuer, String account) {
        return users.totp(user).flatMap(stored -> {
            if (stored.enabled()) {
                return Mono.error(new IllegalStateException("TOTP is already enabled"));
            }
            String seed = TotpCodes.newSeed();
            return users.setPendingTotp(user, cipher.seal(seed))
                    .filter(Boolean::booleanValue)
                    .map(set -> new TotpSetup(seed, TotpCodes.otpauthUrl(issuer, account, seed)));
        });
    }

    /** Turns TOTP on when {@code code} matches the pending seed; false when it does not or none is pending. */
    public Mono<Boolean> enable(ObjectId user, String code) {
        return users.totp(user)
                .filter(stored -> stored.pendingSeed() != null)
                .flatMap(stored -> accept(user, stored.pendingSeed(), code)
                        .flatMap(accepted -> accepted ? users.activateTotp(user, stored.pendingSeed()) : Mono.just(false)))
                .defaultIfEmpty(false);
    }

    /** Turns TOTP off (and drops a pending seed); false when there is no such user. */
    public Mono<Boolean> disable(ObjectId user) {
        return users.disableTotp(user);
    }

    /** Whether {@code code} is a fresh code of the user's enabled seed; false when TOTP is off. */
    Mono<Boolean> verify(ObjectId user, String code) {
        return users.totp(user)
                .filter(stored -> stored.enabled() && stored.seed() != null)
                .flatMap(stored -> accept(user, stored.seed(), code))
                .defaultIfEmpty(false);
    }

    private Mono<Boolean> accept(ObjectId user, String sealedSeed, String code) {
        return Mono.fromCallable(() -> code == null ? OptionalLong.empty()
                        : TotpCodes.matchingStep(cipher.open(sealedSeed), code.trim(), clock.instant()))
                .flatMap(step -> step.isEmpty() ? Mono.just(false)
                        : redis.<Long>eval(ACCEPT, ScriptOutputType.INTEGER, new String[] {STEP_KEY + user.toHexString()},
                                Long.toString(step.getAsLong()), Long.toString(STEP_TTL_MS)).next().map(added -> added == 1));
    }
}
