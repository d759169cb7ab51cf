package io.mallard.model.user;

import java.util.List;
import java.util.Set;

/** The settings a user is created with; {@link #DEFAULTS} plus {@code with...} for the rest. */
public record UserSettings(long quota, UserLimits limits, int spamLevel, List<String> tags, Set<Scope> disabledScopes,
        boolean disabled) {

    /** Unlimited quota, platform limits, WildDuck's default spam level 50. */
    public static final UserSettings DEFAULTS = new UserSettings(0, UserLimits.DEFAULTS, 50, List.of(), Set.of(), false);

    public UserSettings {
        if (quota < 0) {
            throw new IllegalArgumentException("Quota cannot be negative");
        }
        if (spamLevel < 0 || spamLevel > 100) {
            throw new IllegalArgumentException("Spam level must be 0..100");
        }
        tags = List.copyOf(tags);
        disabledScopes = Set.copyOf(disabledScopes);
    }

    public UserSettings withQuota(long newQuota) {
        return new UserSettings(newQuota, limits, spamLevel, tags, disabledScopes, disabled);
    }

    public UserSettings withLimits(UserLimits newLimits) {
        return new UserSettings(quota, newLimits, spamLevel, tags, disabledScopes, disabled);
    }

    public UserSettings withTags(List<String> newTags) {
        return new UserSettings(quota, limits, spamLevel, newTags, disabledScopes, disabled);
    }

    public UserSettings withDisabledScopes(Set<Scope> scopes) {
        return new UserSettings(quota, limits, spamLevel, tags, scopes, disabled);
    }

    public UserSettings withDisabled(boolean newDisabled) {
        return new UserSettings(quota, limits, spamLevel, tags, disabledScopes, newDisabled);
    }
}
