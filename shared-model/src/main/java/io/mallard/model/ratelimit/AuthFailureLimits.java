package io.mallard.model.ratelimit;

import java.time.Duration;

/**
 * The two brute-force limits. Per login name: WildDuck's 12 failures per 120 s. Per IP: wider,
 * because one address may be a NAT full of honest users, but it stops one host spraying
 * guesses across many accounts, which the per-login limit alone does not see.
 */
public record AuthFailureLimits(FailureWindow perLogin, FailureWindow perIp) {

    public static final AuthFailureLimits DEFAULTS = new AuthFailureLimits(
            new FailureWindow(12, Duration.ofSeconds(120)),
            new FailureWindow(100, Duration.ofSeconds(120)));
}
