package io.mallard.model.address;

/** Another address (or domain alias) already has the same normalized form. */
public final class AddressTakenException extends IllegalStateException {

    public AddressTakenException(String address) {
        super("Address already exists: " + address);
    }
}
