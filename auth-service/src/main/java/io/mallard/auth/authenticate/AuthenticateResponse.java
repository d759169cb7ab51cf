package io.mallard.auth.authenticate;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * WildDuck's answer to a successful login.
 *
 * @param require2fa {@code false}, or the second factors still to pass ({@code ["totp"]}): WildDuck's
 *     union type, hence {@code Object}
 * @param token present only when one was asked for and no second factor is pending
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthenticateResponse(boolean success, String id, String username, String scope, Object require2fa,
        boolean requirePasswordChange, String token) {

    static Object secondFactors(boolean required) {
        return required ? List.of("totp") : Boolean.FALSE;
    }
}
