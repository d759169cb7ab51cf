package io.mallard.model.user;

import java.time.Duration;

import org.bson.types.ObjectId;

import io.mallard.model.authlog.AuthOutcome;

/**
 * The answer to one login.
 *
 * @param user the user the login name resolved to, null if none
 * @param credential which secret matched, null when none did
 * @param appPassword the matching application password, null unless {@code credential} is ASP
 * @param requiresTwoFactor the master password was accepted for the MASTER scope, no TOTP code
 *     came with it, and the caller must ask for one before granting a session
 * @param requirePasswordChange the password was set by an admin and the user should replace it
 * @param lockedFor how long until a retry may succeed; null unless the outcome is LOCKED
 */
public record AuthResult(AuthOutcome outcome, ObjectId user, String username, Credential credential,
        ObjectId appPassword, boolean requiresTwoFactor, boolean requirePasswordChange, Duration lockedFor) {

    public enum Credential {
        MASTER, APP_PASSWORD, TOTP;

        String id() {
            return switch (this) {
                case MASTER -> "master";
                case APP_PASSWORD -> "asp";
                case TOTP -> "totp";
            };
        }
    }

    static AuthResult failed(AuthOutcome outcome, ObjectId user, String username) {
        return new AuthResult(outcome, user, username, null, null, false, false, null);
    }

    static AuthResult locked(ObjectId user, String username, Duration lockedFor) {
        return new AuthResult(AuthOutcome.LOCKED, user, username, null, null, false, false, lockedFor);
    }

    public boolean success() {
        return outcome.success();
    }

    /** Whether the attempt was a guess that counts against the failure windows: the secret did not match. */
    boolean guess() {
        return outcome == AuthOutcome.UNKNOWN_USER || outcome == AuthOutcome.WRONG_PASSWORD
                || outcome == AuthOutcome.WRONG_TOTP;
    }
}
