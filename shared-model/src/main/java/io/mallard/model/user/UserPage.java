package io.mallard.model.user;

import java.util.List;

/**
 * One page of users in {@code _id} order.
 *
 * @param next the cursor for the following page, null on the last page
 */
public record UserPage(List<User> users, String next) {
}
