package io.mallard.auth.web;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/** A refusal with its HTTP status and WildDuck error code, turned into {@link ApiError} by {@link ApiErrorHandler}. */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Duration retryAfter;

    private ApiException(HttpStatus status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static ApiException invalidInput(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "InputValidationError", message, null);
    }

    /** One answer for every failed login, so it does not tell which part was wrong. */
    public static ApiException authFailed() {
        return new ApiException(HttpStatus.FORBIDDEN, "AuthFailed", "Authentication failed", null);
    }

    public static ApiException invalidToken() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "InvalidToken", "Invalid or expired access token", null);
    }

    /** The same for existing and unknown users: a lockout must not confirm that an account exists. */
    public static ApiException rateLimited(Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "RateLimited", "Too many failed attempts, try again later",
                retryAfter);
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    /** Null unless the client should wait before retrying. */
    Duration retryAfter() {
        return retryAfter;
    }
}
