package io.mallard.model.user;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;

/**
 * Argon2id in native code: the reference C implementation (libargon2, which argon2-jvm ships for
 * Linux, macOS and Windows on x86-64 and aarch64 inside its jar) called through JNA. JNA takes a
 * system libargon2 where one is installed (Debian's libargon2-1, which Dovecot depends on), else
 * extracts the bundled one to a temporary file, also out of the standalone's nested jar.
 *
 * <p>Why native: on this project's 2-core machine (AMD EPYC, AVX-512), at m = 19 MiB, t = 2,
 * p = 1, Bouncy Castle's Java Argon2id took 19–27 ms of process CPU per verify and allocated the
 * 19 MiB on the heap each time (young collections under a login flood); libargon2 takes 15–17 ms
 * with the memory outside the heap. Dovecot's libsodium (Debian's, with AVX-512 code) took 13 ms.
 *
 * <p>Why argon2-jvm rather than lazysodium (libsodium): lazysodium's bundled libsodium has no
 * AVX-512 code and measured 14.7–15.7 ms, within a millisecond of libargon2; its last release for
 * Java 17 (5.1.4, 2022; 5.2.0 needs Java 21) cannot extract its library from a Spring Boot 3.2+
 * nested jar ("URI is not hierarchical", terl/resource-loader#18), so the standalone jar would
 * always fall back; and it brings a resource loader and all of libsodium for one function.
 *
 * <p>Both write the PHC string form ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}, base64
 * without padding), so hashes move between this class and {@link Argon2PasswordEncoder} in both
 * directions (the tests check it). Argon2i and Argon2d imports, and the parameter comparison
 * of {@link #upgradeEncoding}, stay with Bouncy Castle: they are rare or pure string work.
 */
final class NativeArgon2Encoder implements PasswordEncoder {

    private static final Logger log = LoggerFactory.getLogger(NativeArgon2Encoder.class);

    // The KDF memory is native now: a stored hash cannot ask for more than this (Dovecot's default
    // is 64 MiB, OWASP's largest recommendation 46 MiB), so a hostile import cannot make one login
    // allocate gigabytes outside the heap's limit.
    static final int MAX_MEMORY_KIB = 256 * 1024;
    // Strings of Argon2 version 1.0 (0x10) may have no "v=" field; libargon2 reads them as 1.0.
    private static final Pattern MEMORY = Pattern.compile("^\\$argon2id\\$(?:v=\\d+\\$)?m=(\\d{1,10}),");

    private final Argon2 argon2;
    private final Argon2PasswordEncoder bouncyCastle;
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;

    private NativeArgon2Encoder(Argon2 argon2, Argon2PasswordEncoder bouncyCastle, int memoryKib, int iterations,
            int parallelism) {
        this.argon2 = argon2;
        this.bouncyCastle = bouncyCastle;
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    /**
     * The native encoder with the parameters of {@code bouncyCastle}, or empty (and one warning)
     * when libargon2 cannot be loaded on this platform: the caller then keeps Bouncy Castle.
     * Loading is proven by one hash, so a library that loads but cannot run is caught here too.
     */
    static Optional<PasswordEncoder> load(Argon2PasswordEncoder bouncyCastle, int saltLength, int hashLength,
            int memoryKib, int iterations, int parallelism) {
        try {
            Argon2 argon2 = Argon2Factory.create(Argon2Types.ARGON2id, saltLength, hashLength);
            NativeArgon2Encoder encoder = new NativeArgon2Encoder(argon2, bouncyCastle, memoryKib, iterations, parallelism);
            encoder.encode("probe");
            return Optional.of(encoder);
        } catch (LinkageError | RuntimeException unavailable) {
            log.warn("Native Argon2 (libargon2) is unavailable on {}/{}, hashing passwords with Bouncy Castle's "
                    + "slower Java code instead: {}", System.getProperty("os.name"), System.getProperty("os.arch"),
                    unavailable.toString());
            return Optional.empty();
        }
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return argon2.hash(iterations, memoryKib, parallelism, bytes(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        if (!encodedPassword.startsWith("$argon2id$")) {
            return bouncyCastle.matches(rawPassword, encodedPassword);
        }
        Matcher memory = MEMORY.matcher(encodedPassword);
        if (!memory.find() || Long.parseLong(memory.group(1)) > MAX_MEMORY_KIB) {
            return false;
        }
        // A malformed string (bad base64, bad parameters) is one of libargon2's errors: false.
        return argon2.verify(encodedPassword, bytes(rawPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return bouncyCastle.upgradeEncoding(encodedPassword);
    }

    /** UTF-8, as {@link Argon2PasswordEncoder} encodes the password, so both compute the same hash. */
    private static byte[] bytes(CharSequence password) {
        return password.toString().getBytes(StandardCharsets.UTF_8);
    }
}
