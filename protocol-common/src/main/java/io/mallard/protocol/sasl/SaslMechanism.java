package io.mallard.protocol.sasl;

/**
 * A server-side SASL exchange (RFC 4422 §3). A fresh instance per AUTHENTICATE command; pure,
 * no I/O: the protocol feeds it the client's base64 lines and writes what it answers.
 */
public interface SaslMechanism {

    /** The registered name, e.g. {@code PLAIN}. */
    String name();

    /**
     * Begins the exchange.
     *
     * @param initialResponse the SASL-IR argument (RFC 4959; {@code =} means empty), or {@code null}
     */
    SaslStep start(String initialResponse);

    /** The client's answer to the last challenge, base64 or {@code *}. */
    SaslStep next(String response);
}
