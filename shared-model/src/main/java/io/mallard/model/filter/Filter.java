package io.mallard.model.filter;

import java.time.Instant;

import org.bson.types.ObjectId;

/** One of a user's delivery filters, applied in creation order; a disabled filter is skipped. */
public record Filter(ObjectId id, ObjectId user, String name, FilterQuery query, FilterAction action, boolean disabled,
        Instant created) {
}
