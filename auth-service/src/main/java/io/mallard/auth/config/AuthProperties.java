package io.mallard.auth.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.mallard.model.access.TokenLifetime;
import io.mallard.model.ratelimit.AuthFailureLimits;
import io.mallard.model.ratelimit.FailureWindow;

/**
 * auth-service settings ({@code MALLARD_AUTH_*}); every field has a default, so none is required.
 *
 * @param tokenSliding a token expires this long after its last use
 * @param tokenMaximum ... and never later than this after it was issued
 * @param rolesFile a YAML file replacing the shipped {@code mallard-roles.yml}
 * @param trustedProxies addresses or CIDR blocks of the peers whose {@code X-Forwarded-For} names the real
 *     client: the gateway. Default loopback, as in the standalone JVM; on Kubernetes, the pod network
 * @param maxBody the largest request body decoded; larger ones are refused with 400
 */
@ConfigurationProperties("mallard.auth")
public record AuthProperties(Duration tokenSliding, Duration tokenMaximum, String rolesFile, Integer loginFailures,
        Duration loginWindow, Integer ipFailures, Duration ipWindow, List<String> trustedProxies, DataSize maxBody) {

    public AuthProperties {
        tokenSliding = tokenSliding == null ? TokenLifetime.DEFAULTS.sliding() : tokenSliding;
        tokenMaximum = tokenMaximum == null ? TokenLifetime.DEFAULTS.maximum() : tokenMaximum;
        loginFailures = loginFailures == null ? AuthFailureLimits.DEFAULTS.perLogin().limit() : loginFailures;
        loginWindow = loginWindow == null ? AuthFailureLimits.DEFAULTS.perLogin().window() : loginWindow;
        ipFailures = ipFailures == null ? AuthFailureLimits.DEFAULTS.perIp().limit() : ipFailures;
        ipWindow = ipWindow == null ? AuthFailureLimits.DEFAULTS.perIp().window() : ipWindow;
        trustedProxies = trustedProxies == null ? List.of("127.0.0.1", "::1") : List.copyOf(trustedProxies);
        maxBody = maxBody == null ? DataSize.ofKilobytes(64) : maxBody;
    }

    public TokenLifetime lifetime() {
        return new TokenLifetime(tokenSliding, tokenMaximum);
    }

    public AuthFailureLimits failureLimits() {
        return new AuthFailureLimits(new FailureWindow(loginFailures, loginWindow), new FailureWindow(ipFailures, ipWindow));
    }
}
