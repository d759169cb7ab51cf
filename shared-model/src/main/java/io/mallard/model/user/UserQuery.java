package io.mallard.model.user;

import java.util.List;

/**
 * Filters for listing users.
 *
 * @param text substring of the username, case-insensitive; null or blank for all
 * @param tags users having any of these tags (case-insensitive); empty for all
 */
public record UserQuery(String text, List<String> tags) {

    public static final UserQuery ALL = new UserQuery(null, List.of());

    public UserQuery {
        tags = List.copyOf(tags);
    }
}
