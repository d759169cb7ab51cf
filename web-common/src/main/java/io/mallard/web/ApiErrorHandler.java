package io.mallard.web;

import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every error as {@code {"error", "code"}}; validation failures add {@code details} by field.
 * Decoder messages are replaced by fixed texts: they can quote parser internals, and no response
 * ever carries a stack trace. A service imports it; its own advice for domain exceptions must
 * order itself first, because this one answers every other exception with 500.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler
    ResponseEntity<ApiError> refused(ApiException refusal) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(refusal.status());
        if (refusal.retryAfter() != null) {
            // Whole seconds, rounded up: a client that waits exactly this long is let in.
            long seconds = (refusal.retryAfter().toMillis() + 999) / 1000;
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return response.body(new ApiError(refusal.getMessage(), refusal.code(), refusal.details()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> invalidFields(WebExchangeBindException invalid) {
        Map<String, String> details = new TreeMap<>();
        invalid.getFieldErrors().forEach(error -> details.merge(error.getField(), error.getDefaultMessage(),
                (a, b) -> a + "; " + b));
        return invalid(details);
    }

    @ExceptionHandler
    ResponseEntity<ApiError> invalidParameters(HandlerMethodValidationException invalid) {
        Map<String, String> details = new TreeMap<>();
        invalid.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                details.merge(result.getMethodParameter().getParameterName(), error.getDefaultMessage(),
                        (a, b) -> a + "; " + b)));
        return invalid(details);
    }

    /** Malformed JSON, bytes that are not UTF-8, a missing body, a bad parameter type, or a body over the limit. */
    @ExceptionHandler({ServerWebInputException.class, DataBufferLimitException.class})
    ResponseEntity<ApiError> unreadable(Exception unreadable) {
        if (isTooLarge(unreadable)) {
            return badRequest("Request body too large");
        }
        if (unreadable instanceof ServerWebInputException input && input.getMethodParameter() != null
                && input.getMethodParameter().getParameterName() != null
                && !input.getMethodParameter().hasParameterAnnotation(RequestBody.class)) {
            // A query or path parameter of the wrong type (limit=abc, a UID that is not a number).
            String name = input.getMethodParameter().getParameterName();
            return invalid(Map.of(name, "has an invalid value"));
        }
        String mistyped = mistypedField(unreadable);
        if (mistyped != null) {
            // Well-formed JSON with a value of the wrong type ({"quota": {}}): name the field, as WildDuck's Joi does.
            return invalid(Map.of(mistyped, "has a value of the wrong type or format"));
        }
        return badRequest("Request body is not valid JSON of the expected shape");
    }

    @ExceptionHandler
    ResponseEntity<ApiError> status(ResponseStatusException failure) {
        // WebFlux answers an over-limit body with 413; WildDuck answers 400 InputValidationError.
        if (failure.getStatusCode().value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
            return badRequest("Request body too large");
        }
        return ResponseEntity.status(failure.getStatusCode()).body(ApiError.of(failure.getStatusCode()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> unexpected(Exception failure) {
        log.error("Request failed", failure);
        return status(HttpStatus.INTERNAL_SERVER_ERROR, "InternalError", "Internal error");
    }

    /** 400 {@code InputValidationError} naming the offending fields, for a service's own advice too. */
    public static ResponseEntity<ApiError> invalid(Map<String, String> details) {
        String message = details.isEmpty() ? "Invalid request" : String.join(", ", details.entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue()).toList());
        return ResponseEntity.badRequest().body(new ApiError(message, "InputValidationError", details));
    }

    /** An error body with its status, for a service's own advice too. */
    public static ResponseEntity<ApiError> status(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(new ApiError(message, code, null));
    }

    private static ResponseEntity<ApiError> badRequest(String message) {
        return status(HttpStatus.BAD_REQUEST, "InputValidationError", message);
    }

    /** The path of the field Jackson could not bind ({@code to[0].address}), or null for JSON that does not parse. */
    private static String mistypedField(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException binding && !binding.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference reference : binding.getPath()) {
                    if (reference.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                    } else if (reference.getIndex() >= 0) {
                        path.append('[').append(reference.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
        }
        return null;
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
