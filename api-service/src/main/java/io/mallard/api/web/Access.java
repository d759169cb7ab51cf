package io.mallard.api.web;

import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

import io.mallard.model.access.AccessGrant;
import io.mallard.model.access.Action;
import io.mallard.model.access.RolePermissions;
import io.mallard.web.ApiException;
import reactor.core.publisher.Mono;

/**
 * The one permission check of every resource: whether the caller ({@link TokenFilter} has
 * authenticated it) may do {@code action} to {@code resource} of that user, by the role table.
 * Checked before any lookup, so a user token gets 403 for another user's id whether or not it
 * exists.
 */
@Component
public class Access {

    static final String ME = "me";

    private final RolePermissions permissions;

    Access(RolePermissions permissions) {
        this.permissions = permissions;
    }

    /** The caller's grant, put in the Reactor context by {@link TokenFilter}; 401 outside it. */
    public Mono<AccessGrant> caller() {
        return Mono.deferContextual(context -> context.<AccessGrant>getOrEmpty(AccessGrant.class).map(Mono::just)
                .orElseGet(() -> Mono.error(ApiException.invalidToken())));
    }

    /**
     * The id of the user the request is about ({@code me} is the caller), once the caller may
     * act on it.
     */
    public Mono<ObjectId> user(String user, String resource, Action action) {
        return target(user, resource, action).map(Target::user);
    }

    /** As {@link #user}, keeping the grant for resources that allow some fields to some roles only. */
    public Mono<Target> target(String user, String resource, Action action) {
        return caller().flatMap(grant -> {
            ObjectId target = ME.equals(user) ? grant.user() : userId(user);
            if (target == null) {
                // "me" from a token that belongs to no account (root, tool tokens).
                return Mono.error(ApiException.notFound("UserNotFound", "This token belongs to no user"));
            }
            return grant.may(permissions, resource, action, target)
                    ? Mono.just(new Target(grant, target)) : Mono.error(ApiException.forbidden());
        });
    }

    /** A caller allowed to act on {@code user}. */
    public record Target(AccessGrant grant, ObjectId user) {
    }

    /** For resources that belong to no user (listing users, creating one): only {@code any} grants count. */
    public Mono<AccessGrant> any(String resource, Action action) {
        return caller().flatMap(grant -> grant.may(permissions, resource, action, null)
                ? Mono.just(grant) : Mono.error(ApiException.forbidden()));
    }

    /** Whether the caller may act on {@code target}'s {@code resource}; for lookups that find the owner first. */
    public boolean may(AccessGrant grant, String resource, Action action, ObjectId target) {
        return grant.may(permissions, resource, action, target);
    }

    public static ApiException forbidden() {
        return ApiException.forbidden();
    }

    /** A 24-hex-digit id from the path, or 400 naming the parameter. */
    public static ObjectId id(String name, String value) {
        if (value == null || !ObjectId.isValid(value)) {
            throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "InputValidationError",
                    name + " must be a 24 character hex id");
        }
        return new ObjectId(value);
    }

    private static ObjectId userId(String value) {
        return id("user", value);
    }
}
