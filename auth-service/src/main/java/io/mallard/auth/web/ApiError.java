package io.mallard.auth.web;

/** WildDuck's error body: a human message and a stable code that clients switch on. */
public record ApiError(String error, String code) {
}
