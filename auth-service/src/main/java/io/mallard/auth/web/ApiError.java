package io.mallard.auth.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/** WildDuck's error body: a human message and a stable code that clients switch on. */
public record ApiError(String error, String code) {

    /** For refusals by the framework itself before a resource runs (no such path, wrong method), with restify's codes as WildDuck answers them. */
    static ApiError of(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String message = known == null ? "Request failed" : known.getReasonPhrase();
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return new ApiError(message, "ResourceNotFound");
        }
        if (status.value() == HttpStatus.METHOD_NOT_ALLOWED.value()) {
            return new ApiError(message, "MethodNotAllowed");
        }
        return new ApiError(message, status.is5xxServerError() ? "InternalError" : "RequestFailed");
    }
}
