package io.mallard.model.audit;

import java.time.Instant;

import org.bson.types.ObjectId;

/**
 * Which audit entries to list; a {@code null} condition is no condition.
 *
 * @param actor the caller's subject (username, tool name or {@code root})
 * @param token the caller's token id
 * @param user the user the requests were about
 * @param action {@code METHOD route}, e.g. {@code DELETE /users/{user}}
 * @param from entries at or after this instant
 * @param to entries before this instant
 */
public record AuditQuery(String actor, String token, ObjectId user, String action, Instant from, Instant to) {
}
