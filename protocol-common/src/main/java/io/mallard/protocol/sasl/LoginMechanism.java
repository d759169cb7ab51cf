package io.mallard.protocol.sasl;

/**
 * The obsolete but ubiquitous LOGIN mechanism (draft-murchison-sasl-login): the server asks for
 * "Username:" then "Password:", each as base64 text; an initial response is the user name.
 */
public final class LoginMechanism implements SaslMechanism {

    /** base64("Username:"). */
    public static final String USERNAME_PROMPT = "VXNlcm5hbWU6";
    /** base64("Password:"). */
    public static final String PASSWORD_PROMPT = "UGFzc3dvcmQ6";

    private enum Step { USERNAME, PASSWORD, DONE }

    private final SaslResponseReader reader;
    private Step step = Step.USERNAME;
    private String username;

    /** @param maxLength longest accepted base64 response */
    public LoginMechanism(int maxLength) {
        this.reader = new SaslResponseReader(maxLength);
    }

    @Override
    public String name() {
        return "LOGIN";
    }

    @Override
    public SaslStep start(String initialResponse) {
        return initialResponse == null ? new SaslStep.Challenge(USERNAME_PROMPT) : next(initialResponse);
    }

    @Override
    public SaslStep next(String response) {
        if (step == Step.DONE) {
            return new SaslStep.Failure(SaslError.UNEXPECTED);
        }
        SaslResponseReader.Decoded decoded = reader.read(response);
        if (decoded.error() != null) {
            step = Step.DONE;
            return new SaslStep.Failure(decoded.error());
        }
        if (decoded.text().isEmpty() || decoded.text().indexOf('\0') >= 0) {
            step = Step.DONE;
            return new SaslStep.Failure(SaslError.MALFORMED_MESSAGE);
        }
        if (step == Step.USERNAME) {
            username = decoded.text();
            step = Step.PASSWORD;
            return new SaslStep.Challenge(PASSWORD_PROMPT);
        }
        step = Step.DONE;
        return new SaslStep.Success(new SaslCredentials("", username, decoded.text()));
    }
}
