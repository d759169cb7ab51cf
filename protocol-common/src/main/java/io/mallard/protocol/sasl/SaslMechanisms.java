package io.mallard.protocol.sasl;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The mechanisms a protocol offers, by name, each exchange on a fresh instance. */
public final class SaslMechanisms {

    /** Base64 of a 1 KiB PLAIN message is about 1.4 KiB; anything far beyond is abuse. */
    public static final int DEFAULT_MAX_LENGTH = 4096;

    private final int maxLength;

    public SaslMechanisms(int maxLength) {
        this.maxLength = maxLength;
    }

    /** Names for a capability list (IMAP {@code AUTH=PLAIN}, POP3 {@code SASL PLAIN LOGIN}). */
    public List<String> names() {
        return List.of("PLAIN", "LOGIN");
    }

    /** Mechanism names are case-insensitive (RFC 4422 §3.1). */
    public Optional<SaslMechanism> create(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "PLAIN" -> Optional.of(new PlainMechanism(maxLength));
            case "LOGIN" -> Optional.of(new LoginMechanism(maxLength));
            default -> Optional.empty();
        };
    }
}
