package io.mallard.model.user;

/**
 * Per-user protocol limits; 0 means "the platform default", which the protocol services own.
 *
 * @param imapConnections concurrent IMAP connections
 * @param pop3Connections concurrent POP3 connections
 * @param recipientsPerDay recipients the user may send to per 24 h
 * @param forwardsPerDay messages forwarded per 24 h
 */
public record UserLimits(int imapConnections, int pop3Connections, int recipientsPerDay, int forwardsPerDay) {

    public static final UserLimits DEFAULTS = new UserLimits(0, 0, 0, 0);

    public UserLimits {
        if (imapConnections < 0 || pop3Connections < 0 || recipientsPerDay < 0 || forwardsPerDay < 0) {
            throw new IllegalArgumentException("Limits cannot be negative");
        }
    }
}
