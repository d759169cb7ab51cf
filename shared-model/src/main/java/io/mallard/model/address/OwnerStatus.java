package io.mallard.model.address;

import org.bson.types.ObjectId;

import reactor.core.publisher.Mono;

/**
 * What the resolver needs to know about an address's owner. The user store implements it, so
 * that addresses do not depend on users and users may depend on addresses.
 */
@FunctionalInterface
public interface OwnerStatus {

    /** Whether the user is disabled; a user that no longer exists counts as disabled. */
    Mono<Boolean> disabled(ObjectId user);
}
