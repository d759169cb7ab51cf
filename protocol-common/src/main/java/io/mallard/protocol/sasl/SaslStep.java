package io.mallard.protocol.sasl;

/** One step of a SASL exchange: ask the client again, or finish with credentials or an error. */
public sealed interface SaslStep {

    /** Send {@code challenge} (already base64) as a continuation: IMAP {@code + ...}, POP3 {@code + ...}. */
    record Challenge(String challenge) implements SaslStep {
    }

    record Success(SaslCredentials credentials) implements SaslStep {
    }

    record Failure(SaslError error) implements SaslStep {
    }
}
