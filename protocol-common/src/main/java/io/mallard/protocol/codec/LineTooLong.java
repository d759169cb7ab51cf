package io.mallard.protocol.codec;

/**
 * A line exceeded {@code limit} octets. Emitted once per offending line; the decoder drops
 * everything up to the next LF, so the session can answer a protocol error (IMAP {@code BAD},
 * SMTP/LMTP {@code 500}, RFC 5321 §4.5.3.1.4) and keep the connection.
 */
public record LineTooLong(int limit) implements Frame {
}
