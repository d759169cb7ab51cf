package io.mallard.model.user;

/**
 * A user to create.
 *
 * @param password the master password in clear, hashed before it is stored; null for a user
 *     that can only log in with application passwords once it has some
 * @param address the main address
 */
public record NewUser(String username, String password, String name, String address, UserSettings settings) {
}
