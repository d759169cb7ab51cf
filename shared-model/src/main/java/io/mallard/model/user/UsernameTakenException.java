package io.mallard.model.user;

public final class UsernameTakenException extends IllegalStateException {

    public UsernameTakenException(String username) {
        super("Username already exists: " + username);
    }
}
