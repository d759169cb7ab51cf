package io.mallard.model.authlog;

import java.time.Instant;

import org.bson.types.ObjectId;

/**
 * One authentication attempt as logged.
 *
 * @param user the user the login name resolved to, null when it resolved to nobody
 * @param username the login name as tried
 * @param scope imap, pop3, smtp or master
 * @param credential {@code master} or {@code asp} when a password matched, else null
 * @param appPassword the matching application password, if any
 */
public record AuthEvent(ObjectId id, ObjectId user, String username, String ip, String scope,
        AuthOutcome result, String credential, ObjectId appPassword, Instant created, Instant expiresAt) {
}
