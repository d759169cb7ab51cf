package io.mallard.model.access;

import java.time.Instant;

import org.bson.types.ObjectId;

/**
 * What a verified token allows: who is calling and in which role.
 *
 * @param hash the token's SHA-256, its id in listings and revocations; null for the root token
 * @param user the user account the token acts for, null for tokens not bound to an account
 *     (the root token, or a provisioned token named after a tool)
 * @param subject the name shown in listings and logs: the username, or the provisioned name
 * @param scope the login scope the token was issued for ({@code master} for API tokens)
 * @param expires when it expires unless used again; null for the root token
 * @param version the subject's auth version at issue; a later revoke-all bumps it
 */
public record AccessGrant(String hash, ObjectId user, String subject, String role, String scope, Instant issued,
        Instant expires, long version) {

    public static final String ROOT_ROLE = "root";

    static AccessGrant root() {
        return new AccessGrant(null, null, ROOT_ROLE, ROOT_ROLE, "master", null, null, 0);
    }

    public boolean isRoot() {
        return hash == null;
    }

    /** Whether the caller acts on its own data, for {@code own} grants. */
    public boolean owns(ObjectId target) {
        return user != null && user.equals(target);
    }

    /** The key revoke-all and the auth version are kept under: the account id, else the name. */
    public String principal() {
        return principalOf(user, subject);
    }

    static String principalOf(ObjectId user, String subject) {
        return user != null ? "u:" + user.toHexString() : "n:" + subject;
    }

    /**
     * The check api-service and the gateway make per request: {@code target} is the user the
     * request is about, or null for resources that belong to no user.
     */
    public boolean may(RolePermissions permissions, String resource, Action action, ObjectId target) {
        return permissions.check(role, resource, action, target != null && owns(target));
    }
}
