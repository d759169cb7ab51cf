package io.mallard.model.user;

/**
 * A pending TOTP seed, to be shown once and confirmed with a code before it takes effect.
 *
 * @param seed Base32, for typing into an authenticator app
 * @param otpauthUrl the same as a Key URI, for a QR code
 */
public record TotpSetup(String seed, String otpauthUrl) {
}
