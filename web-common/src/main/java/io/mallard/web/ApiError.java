package io.mallard.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * WildDuck's error body: a human message, a stable code that clients switch on, and for
 * validation failures the offending fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String code, Map<String, String> details) {

    /** For refusals by the framework before a resource runs (no such path, wrong method), with restify's codes as WildDuck answers them. */
    static ApiError of(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String message = known == null ? "Request failed" : known.getReasonPhrase();
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return new ApiError(message, "ResourceNotFound", null);
        }
        if (status.value() == HttpStatus.METHOD_NOT_ALLOWED.value()) {
            return new ApiError(message, "MethodNotAllowed", null);
        }
        return new ApiError(message, status.is5xxServerError() ? "InternalError" : "RequestFailed", null);
    }
}
