package io.mallard.imap.server;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How IMAP sessions behave ({@code mallard.imap.*}); where they listen is {@link ImapListenerProperties}.
 *
 * @param allowPlaintextLogin accept LOGIN/AUTHENTICATE without TLS (default false: LOGINDISABLED)
 * @param appendLimit largest message APPEND accepts (RFC 7889), default 64 MiB
 * @param maxBadCommands consecutive invalid commands before BYE
 * @param idleTimeout silence allowed once logged in, outside IDLE (RFC 9051 §5.4: at least 30 minutes)
 * @param idleCommandTimeout silence allowed during IDLE (RFC 2177 §3: clients re-issue it within 29 minutes)
 * @param maxConnectionsPerUser concurrent connections of one user across all instances, unless the
 *     user's own limit says otherwise (WildDuck's {@code imapMaxConnections}, default 15)
 */
@ConfigurationProperties("mallard.imap")
public record ImapProperties(boolean allowPlaintextLogin, Long appendLimit, Integer maxBadCommands,
        Duration idleTimeout, Duration idleCommandTimeout, Integer maxConnectionsPerUser) {

    public ImapProperties {
        appendLimit = appendLimit == null ? 64L * 1024 * 1024 : appendLimit;
        maxBadCommands = maxBadCommands == null ? 20 : maxBadCommands;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
        idleCommandTimeout = idleCommandTimeout == null ? Duration.ofMinutes(30) : idleCommandTimeout;
        maxConnectionsPerUser = maxConnectionsPerUser == null ? 15 : maxConnectionsPerUser;
    }
}
