package io.mallard.model.user;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Verifies password hashes imported from other systems, in the modular-crypt forms WildDuck
 * accepts: bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}), PBKDF2 as passlib writes it
 * ({@code $pbkdf2-sha512$rounds$salt$hash}, adapted base64) and as {@code @phc/pbkdf2} writes it
 * ({@code $pbkdf2-sha512$i=rounds$salt$hash}), SHA-512/256-crypt ({@code $6$}, {@code $5$}),
 * MD5-crypt ({@code $1$}) and Argon2 ({@code $argon2id$}...). It only matches: a successful
 * match is followed by a rehash to the current algorithm, so nothing is ever encoded this way.
 * Every comparison of computed and stored hash is constant time.
 */
final class ImportedHashVerifier implements PasswordEncoder {

    // A stored hash asking for more rounds than this is treated as hostile, not as slow.
    private static final int MAX_PBKDF2_ROUNDS = 10_000_000;

    // The hasher's own Argon2 encoder: native for Argon2id where the library loads.
    private final PasswordEncoder argon2;

    ImportedHashVerifier(PasswordEncoder argon2) {
        this.argon2 = argon2;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        throw new UnsupportedOperationException("Imported hashes are verified, then replaced");
    }

    @Override
    public boolean matches(CharSequence rawPassword, String hash) {
        if (rawPassword == null || hash == null) {
            return false;
        }
        String password = rawPassword.toString();
        try {
            if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
                return BCrypt.checkpw(password, hash);
            }
            if (hash.startsWith("$6$")) {
                return constantTimeEquals(Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8), hash), hash);
            }
            if (hash.startsWith("$5$")) {
                return constantTimeEquals(Sha2Crypt.sha256Crypt(password.getBytes(StandardCharsets.UTF_8), hash), hash);
            }
            if (hash.startsWith("$1$")) {
                return constantTimeEquals(Md5Crypt.md5Crypt(password.getBytes(StandardCharsets.UTF_8), hash), hash);
            }
            if (hash.startsWith("$pbkdf2")) {
                return pbkdf2Matches(password, hash);
            }
            if (hash.startsWith("$argon2")) {
                return argon2.matches(password, hash);
            }
        } catch (IllegalArgumentException | GeneralSecurityException malformed) {
            return false;
        }
        return false;
    }

    private static boolean pbkdf2Matches(String password, String hash) throws GeneralSecurityException {
        String[] parts = hash.split("\\$");
        // "", scheme, rounds, salt, checksum
        if (parts.length != 5) {
            return false;
        }
        String algorithm = switch (parts[1]) {
            case "pbkdf2-sha512" -> "PBKDF2WithHmacSHA512";
            case "pbkdf2-sha256" -> "PBKDF2WithHmacSHA256";
            case "pbkdf2", "pbkdf2-sha1" -> "PBKDF2WithHmacSHA1";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        String roundsField = parts[2].startsWith("i=") ? parts[2].substring(2) : parts[2];
        int rounds = Integer.parseInt(roundsField);
        if (rounds < 1 || rounds > MAX_PBKDF2_ROUNDS) {
            return false;
        }
        byte[] salt = adaptedBase64(parts[3]);
        byte[] expected = adaptedBase64(parts[4]);
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, expected.length * 8);
        try {
            byte[] actual = SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
            return MessageDigest.isEqual(actual, expected);
        } finally {
            spec.clearPassword();
        }
    }

    /** passlib's "ab64" is base64 with '.' for '+' and no padding; PHC's is plain unpadded base64. */
    private static byte[] adaptedBase64(String text) {
        return Base64.getDecoder().decode(text.replace('.', '+'));
    }

    private static boolean constantTimeEquals(String computed, String stored) {
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8));
    }
}
