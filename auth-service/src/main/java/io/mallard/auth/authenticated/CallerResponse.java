package io.mallard.auth.authenticated;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mallard.model.access.AccessGrant;

/**
 * The caller's token as the gateway needs it to decide a request: whose, which role, until when.
 *
 * @param id the user id, absent for the root token and named tool tokens
 * @param expires absent for the root token, which does not expire
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallerResponse(boolean success, String id, String username, String role, String scope, Instant expires) {

    static CallerResponse of(AccessGrant grant) {
        return new CallerResponse(true, grant.user() == null ? null : grant.user().toHexString(), grant.subject(),
                grant.role(), grant.scope(), grant.expires());
    }
}
