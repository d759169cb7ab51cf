package io.mallard.model.address;

import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;

/**
 * One document of the {@code addresses} collection: either a user's address ({@code user} set)
 * or a forwarded-only address ({@code user} null, {@code targets} non-empty), as in WildDuck.
 *
 * @param address the address as given (trimmed)
 * @param addrview the normalized lookup key, see {@link AddressNormalizer}
 * @param main whether this is the user's main address (exactly one per user)
 * @param forwardsPerDay for forwarded addresses: how many messages a day may be forwarded, 0 = the
 *     platform default
 */
public record Address(ObjectId id, ObjectId user, String address, String addrview, boolean main,
        List<String> tags, List<ForwardTarget> targets, int forwardsPerDay, Instant created) {

    public boolean forwarded() {
        return user == null;
    }
}
