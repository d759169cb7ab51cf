package io.mallard.model.user;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

/**
 * RFC 6238 TOTP as every authenticator app computes it: HMAC-SHA1, 30-second steps, 6 digits,
 * a 160-bit seed (RFC 4226 §4) shown Base32-encoded (RFC 4648 §6) in an {@code otpauth://} URL.
 */
public final class TotpCodes {

    static final Duration STEP = TimeBasedOneTimePasswordGenerator.DEFAULT_TIME_STEP;

    private static final int SEED_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator();

    private TotpCodes() {
    }

    /** A fresh random seed, Base32 without padding. */
    public static String newSeed() {
        byte[] seed = new byte[SEED_BYTES];
        RANDOM.nextBytes(seed);
        return new Base32().encodeToString(seed).replace("=", "");
    }

    /** The 6-digit code of the step that holds {@code at}. */
    public static String code(String seed, Instant at) {
        try {
            return GENERATOR.generateOneTimePasswordString(key(seed), at, Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("Not a usable TOTP seed", e);
        }
    }

    /**
     * The newest step among the current one and one on either side (RFC 6238 §5.2 allows one
     * step of transmission delay and clock drift) whose code equals {@code code}; empty if none.
     * Each candidate is compared in constant time.
     */
    static OptionalLong matchingStep(String seed, String code, Instant now) {
        long current = step(now);
        byte[] typed = code.getBytes(StandardCharsets.US_ASCII);
        long matched = -1;
        for (long step = current - 1; step <= current + 1; step++) {
            byte[] expected = code(seed, Instant.ofEpochSecond(step * STEP.toSeconds())).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, typed)) {
                matched = step;
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    static long step(Instant at) {
        return at.getEpochSecond() / STEP.toSeconds();
    }

    /**
     * The Key URI an authenticator app scans: {@code otpauth://totp/Issuer:account?secret=...&issuer=Issuer}.
     */
    public static String otpauthUrl(String issuer, String account, String seed) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + seed + "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits=6&period="
                + STEP.toSeconds();
    }

    private static String encode(String value) {
        // otpauth labels are path segments: a space is %20, not '+'.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Key key(String seed) {
        byte[] bytes = new Base32().decode(seed.toUpperCase(Locale.ROOT));
        if (bytes.length == 0) {
            throw new IllegalArgumentException("Empty TOTP seed");
        }
        return new SecretKeySpec(bytes, GENERATOR.getAlgorithm());
    }
}
