package io.mallard.lmtp.command;

/**
 * Protocol limits of the LMTP service.
 *
 * @param hostName the server's name in replies and Received fields
 * @param maxMessageSize largest message accepted, in octets (RFC 1870 SIZE)
 * @param maxRecipients recipients per transaction (RFC 5321 §4.5.3.1.8 asks for at least 100)
 */
public record LmtpSettings(String hostName, long maxMessageSize, int maxRecipients) {
}
