package io.mallard.auth.authenticate;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.auth.web.Callers;
import io.mallard.model.access.AccessTokens;
import io.mallard.model.access.IssuedToken;
import io.mallard.model.authlog.AuthOutcome;
import io.mallard.model.user.AuthResult;
import io.mallard.model.user.CredentialCheck;
import io.mallard.model.user.Scope;
import io.mallard.web.ApiException;
import io.mallard.web.ClientAddress;
import reactor.core.publisher.Mono;

/**
 * {@code POST /authenticate} checks a login and may issue a user token; {@code DELETE
 * /authenticate} revokes the caller's token. {@code CredentialCheck} counts each attempt in the
 * failure windows before the password is checked, so a locked login costs no KDF run, the right
 * password is refused like any other, and parallel guesses cannot slip past the limit.
 *
 * <p>2FA: a MASTER login of a user with TOTP on succeeds only with a fresh code in {@code totp}.
 * Without one the answer is {@code require2fa: ["totp"]} and carries no token; the client asks
 * the user for the code and sends the same request again with it. Nothing is kept between the
 * two calls, so there is no half-authenticated token to steal. A wrong or reused code is a
 * failed login (403, counted in the failure windows like a wrong password).
 */
@RestController
@RequestMapping("/authenticate")
class AuthenticateResource {

    /** Tokens issued by a login act for that user only, through WildDuck's {@code user} role. */
    static final String USER_ROLE = "user";

    private final CredentialCheck credentials;
    private final AccessTokens tokens;
    private final ClientAddress clientAddress;
    private final Callers callers;

    AuthenticateResource(CredentialCheck credentials, AccessTokens tokens, ClientAddress clientAddress, Callers callers) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.clientAddress = clientAddress;
        this.callers = callers;
    }

    @PostMapping
    Mono<AuthenticateResponse> authenticate(@Valid @RequestBody AuthenticateRequest request, ServerHttpRequest http) {
        // Valid JSON may still carry a lone surrogate (\ud800), which no stored name can match.
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(request.username())) {
            return Mono.error(ApiException.invalidInput("username is not valid Unicode"));
        }
        Scope scope = request.scope() == null ? Scope.MASTER : Scope.of(request.scope());
        if (request.wantsToken() && scope != Scope.MASTER) {
            return Mono.error(ApiException.invalidInput("token requires scope master"));
        }
        return credentials.authenticate(request.username(), request.password(), request.totp(), scope, clientAddress.of(http))
                .flatMap(result -> {
                    if (result.outcome() == AuthOutcome.LOCKED) {
                        return Mono.error(ApiException.rateLimited(result.lockedFor()));
                    }
                    return result.success() ? respond(result, scope, request.wantsToken()) : Mono.error(authFailed());
                });
    }

    @DeleteMapping
    Mono<Map<String, Boolean>> revoke(ServerHttpRequest http) {
        // WildDuck: without a (valid) token nothing happens. The root token is rotated with the CLI instead.
        return callers.optional(http)
                .filter(grant -> !grant.isRoot())
                .flatMap(grant -> tokens.revokeHash(grant.hash()))
                .thenReturn(Map.of("success", true));
    }

    private Mono<AuthenticateResponse> respond(AuthResult result, Scope scope, boolean wantsToken) {
        boolean pending2fa = result.requiresTwoFactor();
        Mono<String> token = wantsToken && !pending2fa
                ? tokens.issue(result.user(), result.username(), USER_ROLE, scope.id(), null).map(IssuedToken::token)
                : Mono.empty();
        return token.map(Optional::of).defaultIfEmpty(Optional.empty())
                .map(issued -> new AuthenticateResponse(true, result.user().toHexString(), result.username(), scope.id(),
                        AuthenticateResponse.secondFactors(pending2fa), result.requirePasswordChange(),
                        issued.orElse(null)));
    }

    /** One answer for every failed login, so it does not tell which part was wrong. */
    private static ApiException authFailed() {
        return new ApiException(HttpStatus.FORBIDDEN, "AuthFailed", "Authentication failed");
    }
}
