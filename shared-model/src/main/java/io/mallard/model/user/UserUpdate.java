package io.mallard.model.user;

import java.util.List;
import java.util.Set;

/**
 * A partial update: null fields stay as they are. Start from {@link #NONE}.
 *
 * @param requirePasswordChange WildDuck's flag: set when someone else (an admin) sets the password,
 *     cleared when the user sets it
 */
public record UserUpdate(String name, String password, Long quota, UserLimits limits, Integer spamLevel,
        List<String> tags, Set<Scope> disabledScopes, Boolean disabled, Boolean requirePasswordChange) {

    public static final UserUpdate NONE = new UserUpdate(null, null, null, null, null, null, null, null, null);

    public UserUpdate withName(String value) {
        return new UserUpdate(value, password, quota, limits, spamLevel, tags, disabledScopes, disabled, requirePasswordChange);
    }

    public UserUpdate withPassword(String value) {
        return new UserUpdate(name, value, quota, limits, spamLevel, tags, disabledScopes, disabled, requirePasswordChange);
    }

    public UserUpdate withQuota(long value) {
        return new UserUpdate(name, password, value, limits, spamLevel, tags, disabledScopes, disabled, requirePasswordChange);
    }

    public UserUpdate withLimits(UserLimits value) {
        return new UserUpdate(name, password, quota, value, spamLevel, tags, disabledScopes, disabled, requirePasswordChange);
    }

    public UserUpdate withSpamLevel(int value) {
        return new UserUpdate(name, password, quota, limits, value, tags, disabledScopes, disabled, requirePasswordChange);
    }

    public UserUpdate withTags(List<String> value) {
        return new UserUpdate(name, password, quota, limits, spamLevel, value, disabledScopes, disabled, requirePasswordChange);
    }

    public UserUpdate withDisabledScopes(Set<Scope> value) {
        return new UserUpdate(name, password, quota, limits, spamLevel, tags, value, disabled, requirePasswordChange);
    }

    public UserUpdate withDisabled(boolean value) {
        return new UserUpdate(name, password, quota, limits, spamLevel, tags, disabledScopes, value, requirePasswordChange);
    }

    public UserUpdate withRequirePasswordChange(boolean value) {
        return new UserUpdate(name, password, quota, limits, spamLevel, tags, disabledScopes, disabled, value);
    }
}
