package io.mallard.api.users;

import java.time.Instant;
import java.util.List;

import io.mallard.model.user.DeletedUser;
import io.mallard.model.user.Scope;
import io.mallard.model.user.User;

/** Response bodies of the user resource, in WildDuck's shapes. */
final class UserResponses {

    private UserResponses() {
    }

    record Created(boolean success, String id) {
    }

    record Resolved(boolean success, String id) {
    }

    record Allowed(long allowed) {
    }

    record Usage(long allowed, long used) {
    }

    record Limits(Usage quota, Allowed recipients, Allowed forwards, Allowed imapMaxConnections,
            Allowed pop3MaxConnections) {

        static Limits of(User user) {
            return new Limits(new Usage(user.quota(), user.storageUsed()), new Allowed(user.limits().recipientsPerDay()),
                    new Allowed(user.limits().forwardsPerDay()), new Allowed(user.limits().imapConnections()),
                    new Allowed(user.limits().pop3Connections()));
        }
    }

    /** {@code GET /users/{user}}; {@code address} is the main address. */
    record Details(boolean success, String id, String username, String name, String address, List<String> tags,
            Limits limits, int spamLevel, List<String> disabledScopes, boolean disabled, List<String> enabled2fa,
            Instant created) {

        static Details of(User user, String address) {
            return new Details(true, user.id().toHexString(), user.username(), user.name(), address, user.tags(),
                    Limits.of(user), user.spamLevel(), user.disabledScopes().stream().map(Scope::id).sorted().toList(),
                    user.disabled(), user.twoFactor() ? List.of("totp") : List.of(), user.created());
        }
    }

    record Listed(String id, String username, String name, String address, List<String> tags, Usage quota,
            boolean disabled) {

        static Listed of(User user, String address) {
            return new Listed(user.id().toHexString(), user.username(), user.name(), address, user.tags(),
                    new Usage(user.quota(), user.storageUsed()), user.disabled());
        }
    }

    /** {@code DELETE /users/{user}}: the purge is scheduled for {@code deleteAfter}. */
    record Deleted(boolean success, String code, String user, Count addresses, Instant deleteAfter) {

        static Deleted of(DeletedUser user, int addresses) {
            return new Deleted(true, "TaskScheduled", user.id().toHexString(), new Count(addresses), user.deleteAfter());
        }
    }

    record Count(int deleted) {
    }

    /** WildDuck sends {@code false} rather than null for a missing cursor. */
    record Listing(boolean success, String query, Object nextCursor, Object previousCursor, List<Listed> results) {
    }
}
