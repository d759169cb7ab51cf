package io.mallard.model.audit;

import java.time.Instant;
import java.util.Map;

import org.bson.types.ObjectId;

/**
 * One write made through the API by a caller that is not a plain user: who, what, to whom, with
 * which result, when and from where. Request bodies are not kept: they can hold passwords.
 *
 * @param actor who called
 * @param method the HTTP method
 * @param route the matched route pattern ({@code /users/{user}/filters}), or the path when none matched
 * @param targets the route's path variables ({@code user}, {@code filter}, ...)
 * @param user the user the request was about, when the route names one
 * @param status the HTTP status of the answer
 * @param ip the peer address of the connection
 * @param forwardedFor the {@code X-Forwarded-For} header as a proxy sent it, or {@code null}
 */
public record AuditEntry(ObjectId id, Instant time, Actor actor, String method, String route,
        Map<String, String> targets, ObjectId user, int status, String ip, String forwardedFor) {

    public AuditEntry {
        targets = targets == null ? Map.of() : Map.copyOf(targets);
    }

    /** {@code POST /users/{user}/filters}: what the listing filters on as the action. */
    public String action() {
        return method + " " + route;
    }

    /**
     * @param token the access token's id (its SHA-256, as token listings show it); {@code null} for the root token
     * @param role the token's role
     * @param subject the token's name: a username, a tool's name, or {@code root}
     * @param user the account the token belongs to, or {@code null}
     */
    public record Actor(String token, String role, String subject, ObjectId user) {
    }
}
