package io.mallard.protocol.sasl;

/**
 * What a finished PLAIN or LOGIN exchange yields. {@code authzid} is empty when the client asked
 * to act as itself (RFC 4616 §2); checking the password is the caller's job.
 */
public record SaslCredentials(String authzid, String authcid, String password) {

    @Override
    public String toString() {
        return "SaslCredentials[authzid=" + authzid + ", authcid=" + authcid + ", password=***]";
    }
}
