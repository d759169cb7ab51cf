package io.mallard.protocol.sasl;

/**
 * SASL PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}. Without an initial
 * response the server sends an empty challenge first (RFC 4422 §5).
 */
public final class PlainMechanism implements SaslMechanism {

    private final SaslResponseReader reader;
    private boolean done;

    /** @param maxLength longest accepted base64 response */
    public PlainMechanism(int maxLength) {
        this.reader = new SaslResponseReader(maxLength);
    }

    @Override
    public String name() {
        return "PLAIN";
    }

    @Override
    public SaslStep start(String initialResponse) {
        return initialResponse == null ? new SaslStep.Challenge("") : next(initialResponse);
    }

    @Override
    public SaslStep next(String response) {
        if (done) {
            return new SaslStep.Failure(SaslError.UNEXPECTED);
        }
        done = true;
        SaslResponseReader.Decoded decoded = reader.read(response);
        if (decoded.error() != null) {
            return new SaslStep.Failure(decoded.error());
        }
        return parse(decoded.text());
    }

    private static SaslStep parse(String message) {
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (second < 0 || message.indexOf('\0', second + 1) >= 0) {
            return new SaslStep.Failure(SaslError.MALFORMED_MESSAGE);
        }
        String authcid = message.substring(first + 1, second);
        String password = message.substring(second + 1);
        // RFC 4616 §2: authcid and passwd are 1*SAFE, so neither may be empty.
        if (authcid.isEmpty() || password.isEmpty()) {
            return new SaslStep.Failure(SaslError.MALFORMED_MESSAGE);
        }
        return new SaslStep.Success(new SaslCredentials(message.substring(0, first), authcid, password));
    }
}
