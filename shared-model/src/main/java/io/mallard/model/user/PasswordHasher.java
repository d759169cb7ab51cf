package io.mallard.model.user;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Hashes passwords with Argon2id and verifies every format Mallard stores or imports.
 *
 * <p>Why Argon2id: it is memory-hard (GPU/ASIC guessing costs memory, not only time) and is
 * OWASP's first choice. Parameters are OWASP's minimum for Argon2id (m = 19 MiB, t = 2, p = 1).
 * It runs in native code ({@link NativeArgon2Encoder}: libargon2, near Dovecot's libsodium);
 * where that library cannot load, in Bouncy Castle's Java code, with one warning. Both
 * read and write the same strings, so a hash written by either verifies with the other.
 *
 * <p>Stored hashes carry a {@code {id}} prefix, as Spring's {@link DelegatingPasswordEncoder}
 * writes them ({@code {argon2}$argon2id$v=19$...}), so the algorithm can change later without
 * a migration: {@link #needsRehash} tells callers to re-hash after a successful verify.
 * Unprefixed hashes are imports (bcrypt, PBKDF2, SHA-crypt, ...) and so are Dovecot's
 * {@code {SHA512-CRYPT}}-style prefixes; all are verified by {@link ImportedHashVerifier} and
 * always need a rehash.
 *
 * <p>Hashing is CPU-bound (about 15 ms natively, 20–25 ms in Java), so the reactive methods run it
 * on the parallel scheduler, never on an event-loop thread. That scheduler has one thread per
 * core, which also caps the KDF memory in use at cores × 19 MiB however many logins arrive at
 * once: a flood queues instead of exhausting memory. With the native library that memory is
 * outside the heap (malloc'd and freed by libargon2 per hash), so it is not in {@code -Xmx}
 * but still bounded by the same cap.
 *
 * <p>A password that matched lately is recognised without the derivation ({@link VerifiedPasswords}):
 * a successful login repeated within the cache's lifetime costs an HMAC, not a hash.
 */
public final class PasswordHasher {

    private static final String CURRENT = "argon2";
    private static final int SALT_LENGTH = 16;
    private static final int HASH_LENGTH = 32;
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;

    private final DelegatingPasswordEncoder encoder;
    private final AtomicLong verifications = new AtomicLong();
    private final boolean nativeArgon2;
    private final String dummyHash;
    private final VerifiedPasswords verified;

    /** Argon2id in native code where the library loads, else in Bouncy Castle's Java code; no cache. */
    public PasswordHasher() {
        this(VerifiedPasswords.NONE);
    }

    /** As {@link #PasswordHasher()}, skipping the derivation for passwords {@code verified} keeps. */
    public PasswordHasher(VerifiedPasswords verified) {
        this(true, verified);
    }

    /** {@code tryNative = false} forces Bouncy Castle, as on a platform without the native library. */
    PasswordHasher(boolean tryNative, VerifiedPasswords verified) {
        this.verified = verified;
        Argon2PasswordEncoder bouncyCastle =
                new Argon2PasswordEncoder(SALT_LENGTH, HASH_LENGTH, PARALLELISM, MEMORY_KIB, ITERATIONS);
        Optional<PasswordEncoder> nativeEncoder = tryNative
                ? NativeArgon2Encoder.load(bouncyCastle, SALT_LENGTH, HASH_LENGTH, MEMORY_KIB, ITERATIONS, PARALLELISM)
                : Optional.empty();
        this.nativeArgon2 = nativeEncoder.isPresent();
        PasswordEncoder argon2 = nativeEncoder.orElse(bouncyCastle);
        ImportedHashVerifier imported = new ImportedHashVerifier(argon2);
        Map<String, PasswordEncoder> encoders = Map.of(
                CURRENT, argon2,
                "bcrypt", new BCryptPasswordEncoder(),
                // Dovecot's scheme prefixes, so a Dovecot password file imports as it is.
                "SHA512-CRYPT", imported,
                "SHA256-CRYPT", imported,
                "BLF-CRYPT", imported,
                "MD5-CRYPT", imported,
                "CRYPT", imported,
                "ARGON2ID", imported);
        this.encoder = new DelegatingPasswordEncoder(CURRENT, encoders);
        this.encoder.setDefaultPasswordEncoderForMatches(imported);
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        this.dummyHash = encoder.encode(Base64.getEncoder().encodeToString(random));
    }

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.parallel());
    }

    /**
     * Whether the password matches the stored hash. A null hash (unknown user, no password set)
     * is verified against a dummy hash of the current algorithm, so that "no such user" costs
     * the same as "wrong password" and timing does not reveal which usernames exist.
     */
    public Mono<Boolean> verify(String password, String storedHash) {
        if (verified.remembers(password, storedHash)) {
            return Mono.just(true);
        }
        return Mono.fromCallable(() -> matches(password, storedHash)).subscribeOn(Schedulers.parallel());
    }

    /** True when the hash is not of the current algorithm and parameters. */
    public boolean needsRehash(String storedHash) {
        try {
            return encoder.upgradeEncoding(storedHash);
        } catch (IllegalArgumentException unknownId) {
            return true;
        }
    }

    /** Whether Argon2id runs in native code (false: the Bouncy Castle fallback). */
    boolean usesNativeArgon2() {
        return nativeArgon2;
    }

    /**
     * How many verifications derived a key, the dummy ones included and not the ones a
     * remembered match saved: a metric, and the tests' proof of the dummy and the cached paths.
     */
    public long verifications() {
        return verifications.get();
    }

    private boolean matches(String password, String storedHash) {
        verifications.incrementAndGet();
        if (storedHash == null || password == null) {
            encoder.matches(password == null ? "" : password, dummyHash);
            return false;
        }
        try {
            boolean matched = encoder.matches(password, storedHash);
            if (matched) {
                verified.remember(password, storedHash);
            }
            return matched;
        } catch (IllegalArgumentException unknownId) {
            // A hash under an id nobody registered: it cannot match; still pay for one hash.
            encoder.matches(password, dummyHash);
            return false;
        }
    }
}
