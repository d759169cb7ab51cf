package io.mallard.model.address;

import java.time.Instant;

import org.bson.types.ObjectId;

/** {@code alias} is another name for {@code domain}: mail to x@alias reaches x@domain. */
public record DomainAlias(ObjectId id, String alias, String domain, Instant created) {
}
