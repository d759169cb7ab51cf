package io.mallard.model.user;

import java.util.Optional;
import java.util.function.Supplier;

import org.bson.types.ObjectId;

import io.mallard.model.address.AddressResolver;
import io.mallard.model.address.Resolution;
import io.mallard.model.authlog.AuthLog;
import io.mallard.model.authlog.AuthOutcome;
import io.mallard.model.ratelimit.AuthFailureCounter;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

/**
 * Checks a login (IMAP LOGIN/AUTHENTICATE, POP3 USER/PASS, SMTP AUTH, the API's
 * {@code /authenticate}), counts it in the failure windows and writes it to the auth log: every
 * protocol gets the same rules by calling this one method.
 *
 * <p>Rules, after WildDuck: the login name is a username, or an address when it holds an
 * {@code @}. The master password works for every scope unless 2FA is on, in which case IMAP,
 * POP3 and SMTP need an application password and MASTER logins must pass the second factor.
 * Application passwords work within their scopes, never for MASTER. The password is checked
 * before "disabled" and scope refusals are reported, so a guesser learns nothing about an
 * account from the answer. An unknown name still costs one hash verification.
 *
 * <p>Failure windows ({@link AuthFailureCounter}): the name is resolved first, then the attempt
 * takes its slot in the window of the account it resolved to, so a username and its addresses
 * share one window; a name that resolves to nobody is counted under the name itself. Both cost
 * the same lookup and get the same answers; a locked attempt verifies no password. Only guesses
 * (unknown user, wrong password, wrong TOTP code) stay counted. A lockout is logged as
 * {@code locked}, once per lockout and client address.
 */
public final class CredentialCheck {

    private final UserStore users;
    private final AddressResolver resolver;
    private final AppPasswordStore appPasswords;
    private final PasswordHasher hasher;
    private final AuthLog log;
    private final AuthFailureCounter failures;
    private final TotpCheck totp;

    public CredentialCheck(UserStore users, AddressResolver resolver, AppPasswordStore appPasswords,
            PasswordHasher hasher, AuthLog log, AuthFailureCounter failures, TotpCheck totp) {
        this.users = users;
        this.resolver = resolver;
        this.appPasswords = appPasswords;
        this.hasher = hasher;
        this.log = log;
        this.failures = failures;
        this.totp = totp;
    }

    /** A login without a second factor: IMAP, POP3, SMTP, or the first step of a MASTER login. */
    public Mono<AuthResult> authenticate(String login, String password, Scope scope, String remoteIp) {
        return authenticate(login, password, null, scope, remoteIp);
    }

    /**
     * @param totpCode the TOTP code for a MASTER login of a user with 2FA, or null to learn whether
     *     one is needed ({@link AuthResult#requiresTwoFactor()}); ignored otherwise
     */
    public Mono<AuthResult> authenticate(String login, String password, String totpCode, Scope scope, String remoteIp) {
        return authenticate(login, password, totpCode, scope, remoteIp, NONE);
    }

    /**
     * A login that has work of its own to do (POP3 locks and lists its maildrop), in two parts
     * around the check; see {@link FollowUp}.
     */
    public <E, T> Mono<T> authenticate(String login, String password, Scope scope, String remoteIp,
            FollowUp<E, T> followUp) {
        return authenticate(login, password, null, scope, remoteIp, followUp);
    }

    /**
     * The work a login does besides checking the credentials, so that it overlaps the check
     * instead of following it.
     *
     * <p>{@link #early} starts once the account is known and its attempt has a slot in the
     * failure windows (never for an unknown name, never for a locked-out attempt), and runs while
     * the password is hashed: the hash is most of a login's time, and POP3's maildrop listing fits
     * under it. It may take what it must give back (a lock): when the check fails, {@link #next}
     * gives it back without waiting, so a failed login takes no longer for an account with a large
     * mailbox than for an unknown name (the answer's timing must not tell which names exist). Being
     * a reservation made before the password matched, it only ever lasts a hash: what an attacker
     * can hold this way is bounded by the failure window's few attempts.
     *
     * <p>{@link #next} starts once the check has decided, while the attempt's reservation is given
     * back and the attempt is written to the auth log, so the login waits for the slower of the
     * two rather than for their sum. The answer comes once both are done, so the auth log holds the
     * attempt before the client hears the outcome. When the bookkeeping fails, {@link #undo} gets
     * what {@code next} produced (a lock to give back) and the bookkeeping's error is the answer.
     */
    public interface FollowUp<E, T> {

        Mono<E> early(ObjectId user);

        /** @param early what {@link #early} is producing, already started; empty when it was not */
        Mono<T> next(AuthResult result, Mono<E> early);

        Mono<Void> undo(T done);
    }

    /** The follow-up of a login that has none: the result is the answer. */
    private static final FollowUp<Void, AuthResult> NONE = new FollowUp<>() {
        @Override
        public Mono<Void> early(ObjectId user) {
            return Mono.empty();
        }

        @Override
        public Mono<AuthResult> next(AuthResult result, Mono<Void> early) {
            return Mono.just(result);
        }

        @Override
        public Mono<Void> undo(AuthResult done) {
            return Mono.empty();
        }
    };

    private <E, T> Mono<T> authenticate(String login, String password, String totpCode, Scope scope, String remoteIp,
            FollowUp<E, T> followUp) {
        return findUser(login).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(found -> {
            ObjectId user = found.map(StoredCredentials::id).orElse(null);
            String window = user == null ? "name:" + login : "user:" + user.toHexString();
            return counted(window, user, login, remoteIp, scope, () -> found
                    .map(credentials -> check(credentials, password, totpCode, scope))
                    .orElseGet(() -> hasher.verify(password, null)
                            .thenReturn(AuthResult.failed(AuthOutcome.UNKNOWN_USER, null, login))), followUp);
        });
    }

    /**
     * A TOTP code on its own, for a caller that already holds a token of the user (the API's
     * {@code /2fa/totp/check}); counted and logged like a login. Empty when there is no such user.
     */
    public Mono<AuthResult> verifyTotp(ObjectId user, String code, String remoteIp) {
        return users.credentials(user).flatMap(credentials -> counted("user:" + user.toHexString(), user,
                credentials.username(), remoteIp, Scope.MASTER, () -> totp.verify(user, code)
                        .map(valid -> valid
                                ? new AuthResult(AuthOutcome.SUCCESS, user, credentials.username(),
                                        AuthResult.Credential.TOTP, null, false, credentials.requirePasswordChange(), null)
                                : AuthResult.failed(AuthOutcome.WRONG_TOTP, user, credentials.username())),
                NONE));
    }

    private <E, T> Mono<T> counted(String window, ObjectId user, String login, String remoteIp, Scope scope,
            Supplier<Mono<AuthResult>> check, FollowUp<E, T> followUp) {
        return failures.begin(window, remoteIp).flatMap(attempt -> {
            if (attempt.locked()) {
                AuthResult locked = AuthResult.locked(user, login, attempt.lockedFor());
                return (attempt.firstRefusal() ? record(locked, login, remoteIp, scope) : Mono.just(locked))
                        .flatMap(result -> followUp.next(result, Mono.empty()));
            }
            Mono<E> early = user == null ? Mono.empty() : started(followUp.early(user));
            return check.get().flatMap(result -> {
                // Giving back the reservation (Redis), logging the attempt (the store) and the
                // caller's next step are independent once the check has decided: all run at once.
                // Each outcome is kept as a signal so that one failing cannot cancel another
                // half-way (a lock granted but never handed over).
                Mono<Boolean> bookkeeping = Mono.when(result.guess() ? Mono.<Void>empty() : attempt.passwordAccepted(),
                        record(result, login, remoteIp, scope)).thenReturn(true);
                return Mono.zip(bookkeeping.materialize(), followUp.next(result, early).materialize()).flatMap(signals -> {
                    Signal<T> done = signals.getT2();
                    if (signals.getT1().isOnError()) {
                        return (done.hasValue() ? followUp.undo(done.get()) : Mono.<Void>empty())
                                .then(Mono.error(signals.getT1().getThrowable()));
                    }
                    return done.isOnError() ? Mono.error(done.getThrowable()) : Mono.justOrEmpty(done.get());
                });
            });
        });
    }

    /**
     * {@code work} running from now on, whoever subscribes later and whenever; its failure is kept
     * for the one who asks for the result.
     */
    private static <E> Mono<E> started(Mono<E> work) {
        Mono<E> running = work.cache();
        running.subscribe(null, failure -> { });
        return running;
    }

    private Mono<AuthResult> record(AuthResult result, String login, String remoteIp, Scope scope) {
        return log.record(result.user(), login, remoteIp, scope.id(), result.outcome(),
                        result.credential() == null ? null : result.credential().id(), result.appPassword())
                .thenReturn(result);
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

    private Mono<AuthResult> check(StoredCredentials user, String password, String totpCode, Scope scope) {
        return hasher.verify(password, user.passwordHash()).flatMap(master -> {
            if (master) {
                return rehashIfNeeded(user, password).then(masterResult(user, scope, totpCode));
            }
            if (scope == Scope.MASTER || !AppPasswordStore.looksLikeAppPassword(password)) {
                return Mono.just(AuthResult.failed(AuthOutcome.WRONG_PASSWORD, user.id(), user.username()));
            }
            return appPasswords.match(user.id(), password)
                    .flatMap(asp -> {
                        AuthOutcome outcome = refusal(user, scope, asp.allows(scope));
                        AuthResult result = new AuthResult(outcome, user.id(), user.username(),
                                AuthResult.Credential.APP_PASSWORD, asp.id(), false, user.requirePasswordChange(), null);
                        return outcome.success() ? appPasswords.markUsed(asp.id()).thenReturn(result) : Mono.just(result);
                    })
                    .defaultIfEmpty(AuthResult.failed(AuthOutcome.WRONG_PASSWORD, user.id(), user.username()));
        });
    }

    /**
     * With 2FA on, the master password opens MASTER only, and only with a fresh TOTP code; without
     * a code the answer says one is needed.
     */
    private Mono<AuthResult> masterResult(StoredCredentials user, Scope scope, String totpCode) {
        AuthOutcome outcome = refusal(user, scope, true);
        if (outcome.success() && user.twoFactor() && scope != Scope.MASTER) {
            outcome = AuthOutcome.APP_PASSWORD_REQUIRED;
        }
        boolean secondFactor = outcome.success() && user.twoFactor();
        if (secondFactor && totpCode != null) {
            return totp.verify(user.id(), totpCode).map(valid -> valid
                    ? master(user, AuthOutcome.SUCCESS, false)
                    : AuthResult.failed(AuthOutcome.WRONG_TOTP, user.id(), user.username()));
        }
        return Mono.just(master(user, outcome, secondFactor));
    }

    private static AuthResult master(StoredCredentials user, AuthOutcome outcome, boolean requiresTwoFactor) {
        return new AuthResult(outcome, user.id(), user.username(), AuthResult.Credential.MASTER, null, requiresTwoFactor,
                user.requirePasswordChange(), null);
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

    /** An imported or outdated hash is replaced by the current algorithm's after it matched once. */
    private Mono<Void> rehashIfNeeded(StoredCredentials user, String password) {
        if (!hasher.needsRehash(user.passwordHash())) {
            return Mono.empty();
        }
        return hasher.hash(password).flatMap(hash -> users.replacePasswordHash(user.id(), user.passwordHash(), hash)).then();
    }
}
