package io.mallard.api.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.mallard.web.ApiException;

/**
 * WildDuck's opaque {@code next}/{@code previous} cursors: a position in a listing's order,
 * base64url so that clients treat it as a token rather than build their own.
 */
public final class Page {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 250;

    private Page() {
    }

    public static String cursor(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position inside a cursor; 400 naming {@code parameter} when it was not one of ours. */
    public static String position(String parameter, String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidInput(parameter + " is not a valid cursor");
        }
    }
}
