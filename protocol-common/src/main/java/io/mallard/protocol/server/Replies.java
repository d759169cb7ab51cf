package io.mallard.protocol.server;

import io.mallard.protocol.hook.ConnectionInfo;

/**
 * The lines the server itself sends, in the protocol's words, without CRLF. For IMAP:
 * {@code * OK [CAPABILITY ...] ready}, {@code * BYE <reason>}, {@code * BYE shutting down},
 * {@code * BYE Autologout}; for POP3 {@code +OK} / {@code -ERR}; for LMTP {@code 220} / {@code 421}.
 */
public interface Replies {

    /** The greeting of an accepted connection (RFC 9051 §7.1.1, RFC 1939 §4, RFC 5321 §4.2). */
    String greeting(ConnectionInfo info);

    /** The last line to a connection refused by the per-address limit or a hook. */
    String rejection(String reason);

    /** The last line when the server shuts down. */
    String shutdown();

    /** The last line when the client was idle too long. */
    String idleTimeout();
}
