package io.mallard.lmtp.delivery;

import java.time.Instant;

/**
 * What the client said about a message besides its content: who sent it, from where, how.
 *
 * @param sender the reverse-path, empty for bounces
 * @param lhloDomain the name the client gave in LHLO
 * @param clientAddress the client's IP address as text
 * @param tls whether the session was encrypted
 * @param smtpUtf8 RFC 6531: the transaction used SMTPUTF8
 * @param id a session-unique id for the Received header and logs
 * @param received when the content was complete
 */
public record Envelope(String sender, String lhloDomain, String clientAddress, boolean tls, boolean smtpUtf8,
        String id, Instant received) {
}
