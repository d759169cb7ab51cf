package io.mallard.model.user;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.bson.types.ObjectId;

/**
 * A user as the services see it; the password hash and 2FA secret never leave {@link UserStore}.
 * The main address lives in the {@code addresses} collection (flag {@code main}).
 *
 * @param quota bytes, 0 = unlimited
 * @param storageUsed bytes, maintained by the mailstore with {@code $inc}
 * @param spamLevel 0 (everything is spam) to 100 (nothing is), WildDuck's scale
 * @param disabledScopes protocols this user may not log in to
 * @param twoFactor whether 2FA (TOTP) is enabled
 * @param requirePasswordChange the password was set by someone else (an admin) and not yet
 *     replaced by the user
 */
public record User(ObjectId id, String username, String name, long quota, long storageUsed, UserLimits limits,
        int spamLevel, List<String> tags, Set<Scope> disabledScopes, boolean disabled, boolean twoFactor,
        boolean requirePasswordChange, Instant created) {
}
