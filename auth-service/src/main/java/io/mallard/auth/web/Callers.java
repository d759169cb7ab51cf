package io.mallard.auth.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import io.mallard.model.access.AccessGrant;
import io.mallard.model.access.AccessTokens;
import io.mallard.web.ApiException;
import reactor.core.publisher.Mono;

/**
 * Who is calling: the token from {@code X-Access-Token}, the {@code accessToken} query parameter
 * (both WildDuck's) or {@code Authorization: Bearer}, verified through Redis.
 */
@Component
public class Callers {

    static final String TOKEN_HEADER = "X-Access-Token";

    private final AccessTokens tokens;

    Callers(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** The caller's grant; empty when no token was sent or it is not valid. */
    public Mono<AccessGrant> optional(ServerHttpRequest request) {
        return tokens.verify(tokenOf(request));
    }

    /** The caller's grant, or 401 {@code InvalidToken}. */
    public Mono<AccessGrant> require(ServerHttpRequest request) {
        return optional(request).switchIfEmpty(Mono.error(ApiException::invalidToken));
    }

    static String tokenOf(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(TOKEN_HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return request.getQueryParams().getFirst("accessToken");
    }
}
