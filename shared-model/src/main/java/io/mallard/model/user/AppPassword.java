package io.mallard.model.user;

import java.time.Instant;
import java.util.Set;

import org.bson.types.ObjectId;

/**
 * An application-specific password (ASP) without its hash.
 *
 * @param scopes the protocols it opens, among IMAP, POP3, SMTP (never MASTER)
 * @param expiresAt end of life, null for none
 * @param lastUse last successful login with it, null if never used
 */
public record AppPassword(ObjectId id, ObjectId user, String description, Set<Scope> scopes, Instant created,
        Instant expiresAt, Instant lastUse) {

    public boolean allows(Scope scope) {
        return scopes.contains(scope);
    }
}
