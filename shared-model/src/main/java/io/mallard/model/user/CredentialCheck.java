package io.mallard.model.user;

import io.mallard.model.address.AddressResolver;
import io.mallard.model.address.Resolution;
import io.mallard.model.authlog.AuthLog;
import io.mallard.model.authlog.AuthOutcome;
import reactor.core.publisher.Mono;

/**
 * Checks a login (IMAP LOGIN/AUTHENTICATE, POP3 USER/PASS, SMTP AUTH, the API's
 * {@code /authenticate}) and writes every attempt to the auth log.
 *
 * <p>Rules, after WildDuck: the login name is a username, or an address when it holds an
 * {@code @}. The master password works for every scope unless 2FA is on, in which case IMAP,
 * POP3 and SMTP need an application password and MASTER logins must pass the second factor.
 * Application passwords work within their scopes, never for MASTER. The password is checked
 * before "disabled" and scope refusals are reported, so a guesser learns nothing about an
 * account from the answer. An unknown name still costs one hash verification.
 */
public final class CredentialCheck {

    private final UserStore users;
    private final AddressResolver resolver;
    private final AppPasswordStore appPasswords;
    private final PasswordHasher hasher;
    private final AuthLog log;

    public CredentialCheck(UserStore users, AddressResolver resolver, AppPasswordStore appPasswords,
            PasswordHasher hasher, AuthLog log) {
        this.users = users;
        this.resolver = resolver;
        this.appPasswords = appPasswords;
        this.hasher = hasher;
        this.log = log;
    }

    public Mono<AuthResult> authenticate(String login, String password, Scope scope, String remoteIp) {
        return findUser(login)
                .flatMap(user -> check(user, password, scope))
                .switchIfEmpty(Mono.defer(() -> hasher.verify(password, null)
                        .thenReturn(new AuthResult(AuthOutcome.UNKNOWN_USER, null, login, null, null, false))))
                .flatMap(result -> log.record(result.user(), login, remoteIp, scope.id(), result.outcome(),
                                result.credential() == null ? null : result.credential().id(), result.appPassword())
                        .thenReturn(result));
    }

    private Mono<StoredCredentials> findUser(String login) {
        if (login == null) {
            return Mono.empty();
        }
        if (login.indexOf('@') >= 0) {
            return resolver.resolveForLogin(login)
                    .onErrorResume(IllegalArgumentException.class, invalid -> Mono.empty())
                    .ofType(Resolution.ToUser.class)
                    .flatMap(found -> users.credentials(found.user()));
        }
        return Mono.fromCallable(() -> Username.normalize(login))
                .onErrorResume(IllegalArgumentException.class, invalid -> Mono.empty())
                .flatMap(users::credentialsByUsername);
    }

    private Mono<AuthResult> check(StoredCredentials user, String password, Scope scope) {
        return hasher.verify(password, user.passwordHash()).flatMap(master -> {
            if (master) {
                return rehashIfNeeded(user, password).thenReturn(masterResult(user, scope));
            }
            if (scope == Scope.MASTER || !AppPasswordStore.looksLikeAppPassword(password)) {
                return Mono.just(failure(user, AuthOutcome.WRONG_PASSWORD));
            }
            return appPasswords.match(user.id(), password)
                    .flatMap(asp -> {
                        AuthOutcome outcome = refusal(user, scope, asp.allows(scope));
                        AuthResult result = new AuthResult(outcome, user.id(), user.username(),
                                AuthResult.Credential.APP_PASSWORD, asp.id(), false);
                        return outcome.success() ? appPasswords.markUsed(asp.id()).thenReturn(result) : Mono.just(result);
                    })
                    .defaultIfEmpty(failure(user, AuthOutcome.WRONG_PASSWORD));
        });
    }

    private static AuthResult masterResult(StoredCredentials user, Scope scope) {
        AuthOutcome outcome = refusal(user, scope, true);
        if (outcome.success() && user.twoFactor() && scope != Scope.MASTER) {
            outcome = AuthOutcome.APP_PASSWORD_REQUIRED;
        }
        return new AuthResult(outcome, user.id(), user.username(), AuthResult.Credential.MASTER, null,
                outcome.success() && user.twoFactor());
    }

    /** SUCCESS unless the account or the scope is closed to a matching credential. */
    private static AuthOutcome refusal(StoredCredentials user, Scope scope, boolean credentialAllowsScope) {
        if (user.disabled()) {
            return AuthOutcome.USER_DISABLED;
        }
        if (!credentialAllowsScope || user.disabledScopes().contains(scope)) {
            return AuthOutcome.SCOPE_DENIED;
        }
        return AuthOutcome.SUCCESS;
    }

    private static AuthResult failure(StoredCredentials user, AuthOutcome outcome) {
        return new AuthResult(outcome, user.id(), user.username(), null, null, false);
    }

    /** An imported or outdated hash is replaced by the current algorithm's after it matched once. */
    private Mono<Void> rehashIfNeeded(StoredCredentials user, String password) {
        if (!hasher.needsRehash(user.passwordHash())) {
            return Mono.empty();
        }
        return hasher.hash(password).flatMap(hash -> users.replacePasswordHash(user.id(), user.passwordHash(), hash)).then();
    }
}
