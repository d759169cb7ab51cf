package io.mallard.api.web;

import org.springframework.http.HttpStatus;

/** A refusal with its HTTP status and WildDuck error code, rendered by {@link ApiErrorHandler}. */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public ApiException(HttpStatus status, String code, String message) {
        // No stack trace: these are expected answers, not failures.
        super(message, null, false, false);
        this.status = status;
        this.code = code;
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

    static ApiException invalidToken() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "InvalidToken", "Invalid or expired access token");
    }

    static ApiException forbidden() {
        return new ApiException(HttpStatus.FORBIDDEN, "MissingPrivileges", "You are not allowed to make this request");
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }
}
