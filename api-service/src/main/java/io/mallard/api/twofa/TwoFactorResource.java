package io.mallard.api.twofa;

import java.util.Map;

import jakarta.validation.Valid;

import org.bson.types.ObjectId;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.web.Access;
import io.mallard.model.access.Action;
import io.mallard.model.authlog.AuthOutcome;
import io.mallard.model.user.CredentialCheck;
import io.mallard.model.user.TotpCheck;
import io.mallard.model.user.User;
import io.mallard.model.user.UserStore;
import io.mallard.web.ApiException;
import io.mallard.web.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * WildDuck's {@code /users/{user}/2fa}: TOTP set-up (a pending seed), enabling it with a code,
 * checking a code, and turning 2FA off. Setting up and turning off need the {@code users} update
 * permission, checking a code {@code authentication} create, as in WildDuck. Codes are checked by
 * the shared {@code CredentialCheck}, so a code spent here cannot log in again and wrong codes
 * count in the same failure windows as wrong passwords.
 */
@RestController
@Tag(name = "Two-Factor Authentication")
class TwoFactorResource {

    private static final String USERS = "users";

    private final Access access;
    private final UserStore users;
    private final TotpCheck totp;
    private final CredentialCheck credentials;
    private final ClientAddress clientAddress;

    TwoFactorResource(Access access, UserStore users, TotpCheck totp, CredentialCheck credentials,
            ClientAddress clientAddress) {
        this.access = access;
        this.users = users;
        this.totp = totp;
        this.credentials = credentials;
        this.clientAddress = clientAddress;
    }

    @PostMapping("/users/{user}/2fa/totp/setup")
    @Operation(summary = "Generate a TOTP seed", description = "The seed stays pending until confirmed with enable.")
    Mono<TwoFactorRequests.SetupResult> setup(@PathVariable String user, @Valid @RequestBody TwoFactorRequests.Setup request) {
        return access.user(user, USERS, Action.UPDATE)
                .flatMap(this::existing)
                .flatMap(found -> totp.setup(found.id(), request.issuer(),
                                request.label() == null ? found.username() : request.label())
                        .onErrorMap(IllegalStateException.class, e -> ApiException.conflict("TotpEnabled",
                                "TOTP is already enabled for this user")))
                .flatMap(setup -> Mono.fromCallable(() -> QrCodes.dataUrl(setup.otpauthUrl()))
                        // Rendering the PNG is CPU work: off the event loop.
                        .subscribeOn(Schedulers.parallel())
                        .map(qrcode -> new TwoFactorRequests.SetupResult(true, setup.seed(), setup.otpauthUrl(), qrcode)));
    }

    @PostMapping("/users/{user}/2fa/totp/enable")
    @Operation(summary = "Enable TOTP with a code of the pending seed")
    Mono<Map<String, Boolean>> enable(@PathVariable String user, @Valid @RequestBody TwoFactorRequests.Code request) {
        return access.user(user, USERS, Action.UPDATE)
                .flatMap(this::existing)
                .flatMap(found -> totp.enable(found.id(), request.token()))
                .flatMap(enabled -> enabled ? Mono.just(Map.of("success", true))
                        : Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "InvalidToken", "Invalid authentication token")));
    }

    @PostMapping("/users/{user}/2fa/totp/check")
    @Operation(summary = "Check a TOTP code", description = "A code is accepted once; wrong codes count towards the lockout.")
    Mono<Map<String, Boolean>> check(@PathVariable String user, @Valid @RequestBody TwoFactorRequests.Code request,
            ServerHttpRequest http) {
        return access.user(user, "authentication", Action.CREATE)
                .flatMap(id -> credentials.verifyTotp(id, request.token(), clientAddress.of(http)))
                .switchIfEmpty(Mono.error(TwoFactorResource::userNotFound))
                .flatMap(result -> {
                    if (result.outcome() == AuthOutcome.LOCKED) {
                        return Mono.error(ApiException.rateLimited(result.lockedFor()));
                    }
                    return result.success() ? Mono.just(Map.of("success", true))
                            : Mono.error(new ApiException(HttpStatus.FORBIDDEN, "InvalidToken", "Failed to validate TOTP"));
                });
    }

    @DeleteMapping("/users/{user}/2fa/totp")
    @Operation(summary = "Disable TOTP")
    Mono<Map<String, Boolean>> disableTotp(@PathVariable String user) {
        return disable(user);
    }

    @DeleteMapping("/users/{user}/2fa")
    @Operation(summary = "Disable every second factor", description = "TOTP is the only one Mallard has.")
    Mono<Map<String, Boolean>> disableAll(@PathVariable String user) {
        return disable(user);
    }

    private Mono<Map<String, Boolean>> disable(String user) {
        return access.user(user, USERS, Action.UPDATE)
                .flatMap(totp::disable)
                .flatMap(done -> done ? Mono.just(Map.of("success", true)) : Mono.error(userNotFound()));
    }

    private Mono<User> existing(ObjectId id) {
        return users.get(id).switchIfEmpty(Mono.error(TwoFactorResource::userNotFound));
    }

    private static ApiException userNotFound() {
        return ApiException.notFound("UserNotFound", "This user does not exist");
    }
}
