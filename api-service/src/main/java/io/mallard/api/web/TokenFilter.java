package io.mallard.api.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.mallard.model.access.AccessGrant;
import io.mallard.model.access.AccessTokens;
import reactor.core.publisher.Mono;

/**
 * Authenticates every request before anything else runs: without a valid token no body is
 * decoded and no id is looked at, so an anonymous caller gets 401 and learns nothing else. The
 * grant travels to {@link Access} in the Reactor context. The token comes from
 * {@code X-Access-Token}, the {@code accessToken} query parameter (both WildDuck's) or
 * {@code Authorization: Bearer}, verified locally through Redis.
 */
@Component
class TokenFilter implements WebFilter, Ordered {

    static final String TOKEN_HEADER = "X-Access-Token";

    /** Probes, the API description and its UI carry no token. */
    private static final List<String> PUBLIC = List.of("/health", "/openapi.json", "/swagger-ui", "/actuator/health");

    private static final byte[] UNAUTHORIZED = "{\"error\":\"Invalid or expired access token\",\"code\":\"InvalidToken\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final AccessTokens tokens;

    TokenFilter(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (PUBLIC.stream().anyMatch(open -> path.equals(open) || path.startsWith(open + "/")
                || path.startsWith(open + "."))) {
            return chain.filter(exchange);
        }
        return tokens.verify(tokenOf(exchange.getRequest()))
                .map(grant -> chain.filter(exchange).contextWrite(context -> context.put(AccessGrant.class, grant)))
                .defaultIfEmpty(Mono.defer(() -> refuse(exchange.getResponse())))
                .flatMap(next -> next);
    }

    private static Mono<Void> refuse(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(UNAUTHORIZED)));
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
