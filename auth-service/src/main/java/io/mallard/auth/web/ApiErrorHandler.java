package io.mallard.auth.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Every error as {@code {"error", "code"}}. Decoder and validation messages are replaced by fixed
 * texts: they can quote parser internals, and no response ever carries a stack trace.
 */
@RestControllerAdvice
class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler
    ResponseEntity<ApiError> refused(ApiException refusal) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(refusal.status());
        if (refusal.retryAfter() != null) {
            // Whole seconds, rounded up: a client that waits exactly this long is let in.
            long seconds = (refusal.retryAfter().toMillis() + 999) / 1000;
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return response.body(new ApiError(refusal.getMessage(), refusal.code()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> invalidFields(WebExchangeBindException invalid) {
        String fields = String.join(", ", invalid.getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage()).sorted().toList());
        return badRequest(fields.isEmpty() ? "Invalid request" : fields);
    }

    /** Malformed JSON, bytes that are not UTF-8, a missing body, or a body over the size limit. */
    @ExceptionHandler({ServerWebInputException.class, DataBufferLimitException.class})
    ResponseEntity<ApiError> unreadable(Exception unreadable) {
        if (isTooLarge(unreadable)) {
            return badRequest("Request body too large");
        }
        return badRequest("Request body is not valid JSON of the expected shape");
    }

    @ExceptionHandler
    ResponseEntity<ApiError> status(ResponseStatusException failure) {
        // WebFlux answers an over-limit body with 413; the API contract says 400 InputValidationError, as WildDuck.
        if (failure.getStatusCode().value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
            return badRequest("Request body too large");
        }
        return ResponseEntity.status(failure.getStatusCode()).body(ApiError.of(failure.getStatusCode()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> unexpected(Exception failure) {
        log.error("Request failed", failure);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(new ApiError("Internal error", "InternalError"));
    }

    private static ResponseEntity<ApiError> badRequest(String message) {
        return ResponseEntity.badRequest().body(new ApiError(message, "InputValidationError"));
    }

    private static boolean isTooLarge(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataBufferLimitException) {
                return true;
            }
        }
        return false;
    }
}
