package io.mallard.model.address;

/** The text is not an address Mallard can store or look up (LMTP answers 553, the API 400). */
public final class InvalidAddressException extends IllegalArgumentException {

    public InvalidAddressException(String address, String reason) {
        super("Invalid address \"" + address + "\": " + reason);
    }
}
