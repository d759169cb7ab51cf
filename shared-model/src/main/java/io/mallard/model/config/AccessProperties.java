package io.mallard.model.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.mallard.model.access.RolePermissions;
import io.mallard.model.access.TokenLifetime;
import io.mallard.model.ratelimit.AuthFailureLimits;
import io.mallard.model.ratelimit.FailureWindow;
import io.mallard.model.user.VerifiedPasswords;

/**
 * Access tokens, roles and login-failure limits ({@code mallard.access.*}, env
 * {@code MALLARD_ACCESS_*}): one set for every service, since the API, the gateway, IMAP and POP3
 * must agree on them. Every field has a default.
 *
 * @param tokenSliding a token expires this long after its last use
 * @param tokenMaximum ... and never later than this after it was issued
 * @param rolesFile a YAML file replacing the shipped {@code mallard-roles.yml}
 * @param loginFailures failed logins allowed per login name within {@code loginWindow}
 * @param ipFailures failed logins allowed per client address within {@code ipWindow}
 * @param totpEncryptionKey a long random secret; when set, TOTP seeds are stored AES-GCM encrypted
 *     under a key derived from it (the same on every instance), else as they are
 * @param loginCacheSize how many recently matched passwords each process keeps, so that a repeated
 *     login skips the key derivation ({@link io.mallard.model.user.VerifiedPasswords}); 0 turns it off
 * @param loginCacheTtl how long such a match is kept
 */
@ConfigurationProperties("mallard.access")
public record AccessProperties(Duration tokenSliding, Duration tokenMaximum, String rolesFile, Integer loginFailures,
        Duration loginWindow, Integer ipFailures, Duration ipWindow, String totpEncryptionKey, Long loginCacheSize, Duration loginCacheTtl) {

    private static final long LOGIN_CACHE_SIZE = 100_000;
    private static final Duration LOGIN_CACHE_TTL = Duration.ofHours(1);

    public AccessProperties {
        tokenSliding = tokenSliding == null ? TokenLifetime.DEFAULTS.sliding() : tokenSliding;
        tokenMaximum = tokenMaximum == null ? TokenLifetime.DEFAULTS.maximum() : tokenMaximum;
        loginFailures = loginFailures == null ? AuthFailureLimits.DEFAULTS.perLogin().limit() : loginFailures;
        loginWindow = loginWindow == null ? AuthFailureLimits.DEFAULTS.perLogin().window() : loginWindow;
        ipFailures = ipFailures == null ? AuthFailureLimits.DEFAULTS.perIp().limit() : ipFailures;
        ipWindow = ipWindow == null ? AuthFailureLimits.DEFAULTS.perIp().window() : ipWindow;
        loginCacheSize = loginCacheSize == null ? LOGIN_CACHE_SIZE : loginCacheSize;
        loginCacheTtl = loginCacheTtl == null ? LOGIN_CACHE_TTL : loginCacheTtl;
    }

    public TokenLifetime lifetime() {
        return new TokenLifetime(tokenSliding, tokenMaximum);
    }

    public AuthFailureLimits failureLimits() {
        return new AuthFailureLimits(new FailureWindow(loginFailures, loginWindow), new FailureWindow(ipFailures, ipWindow));
    }

    public VerifiedPasswords verifiedPasswords() {
        return new VerifiedPasswords(loginCacheSize, loginCacheTtl);
    }

    public RolePermissions roles() {
        return rolesFile == null || rolesFile.isBlank() ? RolePermissions.defaults() : RolePermissions.load(Path.of(rolesFile));
    }
}
