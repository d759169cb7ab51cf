package io.mallard.model.user;

import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;

import io.mallard.model.address.Address;

/**
 * A user in its grace period after deletion: gone from {@code users} (no login, no mail), its
 * data kept until {@code deleteAfter}, restorable until the purge starts.
 *
 * @param addresses the addresses it had, put back by a restore where still free
 * @param purging whether the purge has started, after which it can no longer be restored
 */
public record DeletedUser(ObjectId id, String username, long storageUsed, List<String> tags, Instant deletedAt,
        Instant deleteAfter, List<Address> addresses, boolean purging) {

    public DeletedUser {
        tags = List.copyOf(tags);
        addresses = List.copyOf(addresses);
    }

    /** What a restore brought back: how many addresses, and which one is now the main one (or null). */
    public record Restored(int addresses, String main) {
    }
}
