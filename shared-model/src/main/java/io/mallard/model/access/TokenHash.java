package io.mallard.model.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Token values and their SHA-256 hashes. Only hashes are stored: a leaked Redis dump or
 * MongoDB backup does not hand out working tokens. A plain hash (no salt, no KDF) is enough
 * because a token is 160 random bits, not a guessable password.
 */
public final class TokenHash {

    /** 20 random bytes = 160 bits, 40 hex characters: the length of WildDuck's tokens. */
    static final int TOKEN_BYTES = 20;

    private static final Pattern TOKEN_SHAPE = Pattern.compile("[0-9a-f]{40,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenHash() {
    }

    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Whether the value could be a token at all. Checked before hashing so that junk never
     * reaches Redis; a configured root token is any string and is not subject to this.
     */
    public static boolean wellFormed(String token) {
        return token != null && TOKEN_SHAPE.matcher(token).matches();
    }

    public static String of(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** Constant-time: the time taken does not depend on how many leading characters match. */
    public static boolean same(String hash, String otherHash) {
        if (hash == null || otherHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII), otherHash.getBytes(StandardCharsets.US_ASCII));
    }
}
