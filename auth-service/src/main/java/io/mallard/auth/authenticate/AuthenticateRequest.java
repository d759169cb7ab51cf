package io.mallard.auth.authenticate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * WildDuck's {@code POST /authenticate} body.
 *
 * @param username a username, or an address when it holds an {@code @}
 * @param scope {@code master} (default), {@code imap}, {@code pop3} or {@code smtp}
 * @param token whether to issue an access token; only with scope {@code master}
 * @param totp the current TOTP code when the user has 2FA on, so that one call logs in; without
 *     it such a login answers {@code require2fa: ["totp"]} and the client repeats the call with it
 */
public record AuthenticateRequest(
        @NotBlank @Size(max = 256) String username,
        @NotNull @Size(min = 1, max = 1024) String password,
        @Pattern(regexp = "master|imap|pop3|smtp") String scope,
        Boolean token,
        @Pattern(regexp = "\\d{6}", message = "must be 6 digits") String totp) {

    public boolean wantsToken() {
        return Boolean.TRUE.equals(token);
    }
}
