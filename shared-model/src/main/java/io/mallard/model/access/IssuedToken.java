package io.mallard.model.access;

/** A new token: the value to hand out once (it is not stored) and what it grants. */
public record IssuedToken(String token, AccessGrant grant) {
}
