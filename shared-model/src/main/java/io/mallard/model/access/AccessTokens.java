package io.mallard.model.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.bson.types.ObjectId;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanStream;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issues, verifies and revokes access tokens in Redis: the local verification path that
 * auth-service, api-service and the gateway share, with no HTTP hop.
 *
 * <p>Redis keys (only hashes of tokens, never tokens):
 * <ul>
 * <li>{@code access:token:<sha256>}: hash {@code user, subject, role, scope, version, issued,
 * expires, hardExpiry} (epoch ms); the key's own TTL follows {@code expires}, so Redis drops
 * dead tokens by itself</li>
 * <li>{@code access:tokens:<principal>}: sorted set of the principal's token hashes, score the
 * hard expiry, for listing and revoke-all</li>
 * <li>{@code access:version:<principal>}: the auth version; revoke-all increments it and every
 * token issued under an older version stops working even if a delete was missed</li>
 * </ul>
 * {@code <principal>} is {@code u:<user id>} for tokens bound to an account, else
 * {@code n:<name>}. Expiry decisions use the injected {@link Clock}, not Redis time, so the
 * rules are testable and the same on every instance.
 */
public final class AccessTokens {

    static final String TOKEN_KEY = "access:token:";
    static final String TOKENS_OF = "access:tokens:";
    static final String VERSION_OF = "access:version:";
    static final Duration SLIDE_STEP = Duration.ofMinutes(1);

    private final RedisReactiveCommands<String, String> redis;
    private final RootToken root;
    private final TokenLifetime lifetime;
    private final Clock clock;

    public AccessTokens(RedisReactiveCommands<String, String> redis, RootToken root, TokenLifetime lifetime, Clock clock) {
        this.redis = redis;
        this.root = root;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /**
     * A new token for {@code subject} in {@code role}.
     *
     * @param user the account it acts for, null for a named tool token
     * @param maxAge hard lifetime, capped at the configured maximum; null for that maximum
     */
    public Mono<IssuedToken> issue(ObjectId user, String subject, String role, String scope, Duration maxAge) {
        String principal = AccessGrant.principalOf(user, subject);
        Duration hardLife = maxAge == null || maxAge.compareTo(lifetime.maximum()) > 0 ? lifetime.maximum() : maxAge;
        return Mono.defer(() -> {
            String token = TokenHash.newToken();
            String hash = TokenHash.of(token);
            Instant issued = clock.instant();
            Instant hardExpiry = issued.plus(hardLife);
            Instant expires = earlier(issued.plus(lifetime.sliding()), hardExpiry);
            return version(principal).flatMap(version -> {
                AccessGrant grant = new AccessGrant(hash, user, subject, role, scope, issued, expires, version);
                return redis.hset(TOKEN_KEY + hash, fields(grant, hardExpiry))
                        .then(redis.pexpire(TOKEN_KEY + hash, Duration.between(issued, expires)))
                        .then(redis.zadd(TOKENS_OF + principal, hardExpiry.toEpochMilli(), hash))
                        // Prune tokens past their hard expiry; nothing in the set outlives the maximum.
                        .then(redis.zremrangebyscore(TOKENS_OF + principal,
                                Range.create(0, (double) issued.toEpochMilli())))
                        .then(redis.pexpire(TOKENS_OF + principal, lifetime.maximum()))
                        .thenReturn(new IssuedToken(token, grant));
            });
        });
    }

    /**
     * What the token grants, empty when it is unknown, expired or revoked. A valid use slides
     * its expiry forward, up to its hard expiry.
     */
    public Mono<AccessGrant> verify(String token) {
        if (token == null || token.isEmpty()) {
            return Mono.empty();
        }
        return root.matches(token).flatMap(isRoot -> {
            if (isRoot) {
                return Mono.just(AccessGrant.root());
            }
            // A lookup by hash: timing can reveal at most how much of a SHA-256 matched, which says nothing about a token.
            return TokenHash.wellFormed(token) ? live(TokenHash.of(token)).flatMap(this::slide) : Mono.empty();
        });
    }

    /** Revokes one token; false when it did not exist. */
    public Mono<Boolean> revoke(String token) {
        return TokenHash.wellFormed(token) ? revokeHash(TokenHash.of(token)) : Mono.just(false);
    }

    /** Revokes one token by its hash (as {@link #list} shows it); false when it did not exist. */
    public Mono<Boolean> revokeHash(String hash) {
        return read(hash)
                .flatMap(stored -> redis.del(TOKEN_KEY + hash)
                        .then(redis.zrem(TOKENS_OF + stored.grant().principal(), hash))
                        .thenReturn(true))
                .defaultIfEmpty(false);
    }

    /**
     * Revokes every token of a user account ({@code user} given) or of a named tool token;
     * emits how many live tokens were deleted. The version bump alone already invalidates them.
     */
    public Mono<Long> revokeAll(ObjectId user, String subject) {
        String principal = AccessGrant.principalOf(user, subject);
        return redis.incr(VERSION_OF + principal)
                .thenMany(redis.zrange(TOKENS_OF + principal, 0, -1))
                .flatMap(hash -> redis.del(TOKEN_KEY + hash))
                .reduce(0L, Long::sum)
                .flatMap(deleted -> redis.del(TOKENS_OF + principal).thenReturn(deleted));
    }

    /** The live tokens of one principal. */
    public Flux<AccessGrant> list(ObjectId user, String subject) {
        return redis.zrange(TOKENS_OF + AccessGrant.principalOf(user, subject), 0, -1)
                .concatMap(this::live)
                .map(StoredToken::grant);
    }

    /** Every live token; a SCAN, for the admin CLI, not for request paths. */
    public Flux<AccessGrant> listAll() {
        return ScanStream.scan(redis, ScanArgs.Builder.matches(TOKEN_KEY + "*").limit(500))
                .concatMap(key -> live(key.substring(TOKEN_KEY.length())))
                .map(StoredToken::grant);
    }

    /** The token if it exists, has not expired and carries its principal's current version. */
    private Mono<StoredToken> live(String hash) {
        return read(hash).flatMap(stored -> {
            if (!clock.instant().isBefore(stored.grant().expires())) {
                return redis.del(TOKEN_KEY + hash).then(Mono.empty());
            }
            return version(stored.grant().principal()).flatMap(current -> current == stored.grant().version()
                    ? Mono.just(stored)
                    : redis.del(TOKEN_KEY + hash).then(Mono.empty()));
        });
    }

    /**
     * Moves the expiry forward, but writes only when it moves by at least {@link #SLIDE_STEP}: a
     * busy token then costs Redis one write a minute instead of two per request, and expires at
     * most that much earlier than an exact slide would make it.
     */
    private Mono<AccessGrant> slide(StoredToken stored) {
        AccessGrant grant = stored.grant();
        Instant now = clock.instant();
        Instant expires = earlier(now.plus(lifetime.sliding()), stored.hardExpiry());
        if (Duration.between(grant.expires(), expires).compareTo(SLIDE_STEP) < 0) {
            return Mono.just(grant);
        }
        return Mono.when(redis.hset(TOKEN_KEY + grant.hash(), "expires", Long.toString(expires.toEpochMilli())),
                        redis.pexpire(TOKEN_KEY + grant.hash(), Duration.between(now, expires)))
                .thenReturn(new AccessGrant(grant.hash(), grant.user(), grant.subject(), grant.role(), grant.scope(),
                        grant.issued(), expires, grant.version()));
    }

    private Mono<StoredToken> read(String hash) {
        return redis.hgetall(TOKEN_KEY + hash)
                .collectMap(KeyValue::getKey, KeyValue::getValue)
                .filter(fields -> fields.containsKey("expires"))
                .map(fields -> new StoredToken(grant(hash, fields), Instant.ofEpochMilli(Long.parseLong(fields.get("hardExpiry")))));
    }

    private Mono<Long> version(String principal) {
        return redis.get(VERSION_OF + principal).map(Long::parseLong).defaultIfEmpty(0L);
    }

    private static Map<String, String> fields(AccessGrant grant, Instant hardExpiry) {
        Map<String, String> fields = new HashMap<>();
        if (grant.user() != null) {
            fields.put("user", grant.user().toHexString());
        }
        fields.put("subject", grant.subject());
        fields.put("role", grant.role());
        fields.put("scope", grant.scope());
        fields.put("version", Long.toString(grant.version()));
        fields.put("issued", Long.toString(grant.issued().toEpochMilli()));
        fields.put("expires", Long.toString(grant.expires().toEpochMilli()));
        fields.put("hardExpiry", Long.toString(hardExpiry.toEpochMilli()));
        return fields;
    }

    private static AccessGrant grant(String hash, Map<String, String> fields) {
        String user = fields.get("user");
        return new AccessGrant(hash, user == null ? null : new ObjectId(user), fields.get("subject"), fields.get("role"),
                fields.get("scope"), Instant.ofEpochMilli(Long.parseLong(fields.get("issued"))),
                Instant.ofEpochMilli(Long.parseLong(fields.get("expires"))), Long.parseLong(fields.get("version")));
    }

    /** A token as stored: its grant plus the hard expiry that bounds sliding. */
    private record StoredToken(AccessGrant grant, Instant hardExpiry) {
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
