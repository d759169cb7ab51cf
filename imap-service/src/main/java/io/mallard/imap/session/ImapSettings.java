package io.mallard.imap.session;

import java.time.Duration;

/**
 * Protocol limits and policies of one IMAP server.
 *
 * @param hostName name in the greeting and BYE
 * @param allowPlaintextLogin LOGIN and AUTHENTICATE without TLS (RFC 9051 §6.2.3 LOGINDISABLED otherwise)
 * @param appendLimit largest message APPEND takes (RFC 7889 APPENDLIMIT), also the command size bound
 * @param maxBadCommands consecutive BAD answers before the server says BYE
 * @param idleTimeout silence allowed once authenticated, outside IDLE
 * @param idleCommandTimeout silence allowed during IDLE
 * @param maxConnectionsPerUser concurrent connections per user when the user has no limit of their own
 */
public record ImapSettings(String hostName, boolean allowPlaintextLogin, long appendLimit, int maxBadCommands,
        Duration idleTimeout, Duration idleCommandTimeout, int maxConnectionsPerUser) {
}
