package io.mallard.web;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatus;

/** A refusal with its HTTP status and WildDuck error code, rendered by {@link ApiErrorHandler}. */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Duration retryAfter;
    private final Map<String, String> details;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, null, null);
    }

    private ApiException(HttpStatus status, String code, String message, Duration retryAfter,
            Map<String, String> details) {
        // No stack trace: these are expected answers, not failures.
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
        this.details = details;
    }

    public static ApiException invalidInput(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "InputValidationError", message);
    }

    /** A refusal of one field's value, named in {@code details} as a constraint violation would be. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "InputValidationError", field + " " + message, null,
                Map.of(field, message));
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
                retryAfter, null);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The refused fields with why, or null when no single field is to blame. */
    public Map<String, String> details() {
        return details;
    }

    /** Null unless the client should wait before retrying. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
