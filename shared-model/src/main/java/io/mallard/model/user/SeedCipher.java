package io.mallard.model.user;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;

/**
 * TOTP seeds at rest. With a key configured ({@code mallard.access.totp-encryption-key}) a seed is
 * stored as {@code aes-gcm:<hex>}: Spring Security's {@code Encryptors.delux}, AES-256-GCM with
 * a random IV per seed and the key derived from the configured secret by PBKDF2. Without a key
 * seeds are stored as they are, and a stored plain seed keeps working after a key is configured
 * (it is sealed the next time 2FA is set up).
 */
final class SeedCipher {

    private static final String PREFIX = "aes-gcm:";
    /** Fixed, so that every instance derives the same key; the secret itself must be long and random. */
    private static final String SALT = HexFormat.of().formatHex("mallard-totp-seed".getBytes(StandardCharsets.US_ASCII));

    private final TextEncryptor encryptor;

    private SeedCipher(TextEncryptor encryptor) {
        this.encryptor = encryptor;
    }

    /** Seals with {@code key}, or stores plainly when it is null or blank. */
    static SeedCipher withKey(String key) {
        return new SeedCipher(key == null || key.isBlank() ? null : Encryptors.delux(key, SALT));
    }

    String seal(String seed) {
        return encryptor == null ? seed : PREFIX + encryptor.encrypt(seed);
    }

    /** The seed; fails when it was sealed and this instance has no key (or another one). */
    String open(String stored) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        if (encryptor == null) {
            throw new IllegalStateException("A TOTP seed is encrypted but mallard.access.totp-encryption-key is not set");
        }
        return encryptor.decrypt(stored.substring(PREFIX.length()));
    }
}
