package io.mallard.web;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/** A refusal with its HTTP status and WildDuck error code, rendered by {@link ApiErrorHandler}. */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, null);
    }

    private ApiException(HttpStatus status, String code, String message, Duration retryAfter) {
        // No stack trace: these are expected answers, not failures.
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static ApiException invalidInput(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "InputValidationError", message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(HttpStatus.CONFLICT, code, message);
    }

    public static ApiException invalidToken() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "InvalidToken", "Invalid or expired access token");
    }

    public static ApiException forbidden() {
        return new ApiException(HttpStatus.FORBIDDEN, "MissingPrivileges", "You are not allowed to make this request");
    }

    /** The same for existing and unknown users: a lockout must not confirm that an account exists. */
    public static ApiException rateLimited(Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "RateLimited", "Too many failed attempts, try again later",
                retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Null unless the client should wait before retrying. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
