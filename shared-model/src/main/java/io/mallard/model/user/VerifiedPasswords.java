package io.mallard.model.user;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Passwords that matched their stored hash lately, so that the next login with the same password
 * skips the key derivation. Mail clients log in again and again (a phone on every wake-up,
 * Thunderbird with several connections per account), and each Argon2id verification costs about
 * 15 ms of a core and 19 MiB: on a busy pod that is most of the CPU spent on logins.
 *
 * <p>An entry is keyed by the stored hash itself, which carries a random salt: a password change,
 * on any instance, writes a new hash and so misses here at once. What an entry holds is an
 * HMAC-SHA256 of the password under a key drawn at random per process and never written anywhere,
 * so the memory holds no password and nothing that can be checked against a guess without that
 * key. Only successes are kept: a wrong password always pays the full derivation (and the failure
 * windows), and unknown names still pay the dummy one, so guessing gets no cheaper and the timing
 * of a refusal tells nothing. Entries live {@code ttl} after the match that made them, as
 * Dovecot's auth cache does (its {@code auth_cache_ttl} defaults to an hour).
 *
 * <p>Hits and misses are the {@code cache.*} meters tagged {@code cache=mallard.verified-passwords}.
 */
public final class VerifiedPasswords implements MeterBinder {

    /** Keeps nothing: every verification derives the key. */
    public static final VerifiedPasswords NONE = new VerifiedPasswords(0, Duration.ZERO);

    private static final String MAC = "HmacSHA256";

    private final Cache<String, byte[]> matched;
    private final SecretKeySpec key;
    private final boolean enabled;

    /** @param maxEntries how many passwords are kept; 0 (or a zero {@code ttl}) keeps none */
    public VerifiedPasswords(long maxEntries, Duration ttl) {
        this.enabled = maxEntries > 0 && !ttl.isNegative() && !ttl.isZero();
        this.matched = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(enabled ? maxEntries : 0)
                .expireAfterWrite(enabled ? ttl : Duration.ofNanos(1))
                .recordStats()
                .build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, MAC);
    }

    /** Whether {@code password} matched {@code storedHash} lately; no key derivation either way. */
    boolean remembers(String password, String storedHash) {
        if (!enabled || password == null || storedHash == null) {
            return false;
        }
        byte[] kept = matched.getIfPresent(storedHash);
        return kept != null && MessageDigest.isEqual(kept, mac(password));
    }

    /** Keeps that {@code password} matched {@code storedHash}, as a full verification just found. */
    void remember(String password, String storedHash) {
        if (enabled) {
            matched.put(storedHash, mac(password));
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, matched, "mallard.verified-passwords");
    }

    private byte[] mac(String password) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException unavailable) {
            // Every Java platform must provide HmacSHA256.
            throw new IllegalStateException(unavailable);
        }
    }
}
