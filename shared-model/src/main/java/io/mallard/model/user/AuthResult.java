package io.mallard.model.user;

import org.bson.types.ObjectId;

import io.mallard.model.authlog.AuthOutcome;

/**
 * The answer to one login.
 *
 * @param user the user the login name resolved to, null if none
 * @param credential which secret matched, null when none did
 * @param appPassword the matching application password, null unless {@code credential} is ASP
 * @param requiresTwoFactor the master password was accepted for the MASTER scope and the caller
 *     must now ask for the second factor before granting a session
 */
public record AuthResult(AuthOutcome outcome, ObjectId user, String username, Credential credential,
        ObjectId appPassword, boolean requiresTwoFactor) {

    public enum Credential {
        MASTER, APP_PASSWORD;

        String id() {
            return this == MASTER ? "master" : "asp";
        }
    }

    public boolean success() {
        return outcome.success();
    }
}
