package io.mallard.model.ratelimit;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * One login attempt's place in the failure windows, from {@link AuthFailureCounter#begin}.
 * A wrong password needs no call: the reservation already counts as the failure.
 */
public final class LoginAttempt {

    private final Duration lockedFor;
    private final boolean firstRefusal;
    private final Mono<Void> release;

    LoginAttempt(Duration lockedFor, boolean firstRefusal, Mono<Void> release) {
        this.lockedFor = lockedFor;
        this.firstRefusal = firstRefusal;
        this.release = release;
    }

    static LoginAttempt locked(Duration wait, boolean firstRefusal) {
        return new LoginAttempt(wait, firstRefusal, Mono.empty());
    }

    /** Whether the login or the IP is locked: refuse without checking the password. */
    public boolean locked() {
        return lockedFor != null;
    }

    /** Whether this is the lockout's first refusal for this address: the one worth an auth log entry. */
    public boolean firstRefusal() {
        return firstRefusal;
    }

    /** How long until a retry may succeed; null unless {@link #locked()}. */
    public Duration lockedFor() {
        return lockedFor;
    }

    /**
     * The password was right (even if the account or scope is then refused): this attempt is
     * no failure, so its reservation is removed. Nothing else in the windows is touched.
     */
    public Mono<Void> passwordAccepted() {
        return release;
    }
}
