package io.mallard.auth.authenticated;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.auth.web.Callers;
import reactor.core.publisher.Mono;

/**
 * {@code GET /authenticated}: describes the caller's token, or 401. Also the gateway's
 * introspection call when it cannot reach Redis itself. Unlike WildDuck it needs no
 * {@code authentication} grant: a token only ever learns about itself here.
 */
@RestController
class AuthenticatedResource {

    private final Callers callers;

    AuthenticatedResource(Callers callers) {
        this.callers = callers;
    }

    @GetMapping("/authenticated")
    Mono<CallerResponse> describe(ServerHttpRequest http) {
        return callers.require(http).map(CallerResponse::of);
    }
}
