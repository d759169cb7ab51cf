package io.mallard.model.user;

import java.util.Set;

import org.bson.types.ObjectId;

/** What a login check reads from a user document; the hash stays inside this package. */
record StoredCredentials(ObjectId id, String username, String passwordHash, boolean disabled, Set<Scope> disabledScopes,
        boolean twoFactor, boolean requirePasswordChange) {
}
