package io.mallard.model.user;

import org.bson.types.ObjectId;

import reactor.core.publisher.Mono;

/**
 * A store whose documents belong to one user each (application passwords, filters, autoreplies,
 * the auth log, ...): when a deleted user's grace period ends, the purge empties every such store
 * of that user. A store added later takes part by implementing this and being a bean.
 */
public interface UserOwned {

    /** Deletes every document of {@code user}; idempotent. Emits how many went. */
    Mono<Long> purge(ObjectId user);
}
