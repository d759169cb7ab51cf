package io.mallard.protocol.sasl;

/** Why an exchange failed; each maps to a protocol answer (IMAP {@code BAD}/{@code NO}, POP3 {@code -ERR}). */
public enum SaslError {
    /** The client sent {@code *} (RFC 4954 §4, RFC 9051 §6.2.2). */
    CANCELLED,
    /** Not valid base64 (RFC 4648 §4). */
    MALFORMED_BASE64,
    /** Decoded, but not the mechanism's message: missing NUL, empty field, invalid UTF-8. */
    MALFORMED_MESSAGE,
    /** Longer than the configured limit. */
    TOO_LONG,
    /** A response after the exchange was finished. */
    UNEXPECTED
}
