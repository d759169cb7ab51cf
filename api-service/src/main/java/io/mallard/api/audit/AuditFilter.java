package io.mallard.api.audit;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;

import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;

import io.mallard.model.access.AccessGrant;
import io.mallard.model.audit.AuditEntry;
import io.mallard.model.audit.AuditLog;
import reactor.core.publisher.Mono;

/**
 * Records every write an administrative caller (any role but {@code user}) makes, in one place for
 * every resource: the entry is written just before the answer is sent, when its status is known,
 * so a client that saw the answer knows the action is on record. Runs after the token filter,
 * whose grant it finds in the Reactor context; anonymous requests never get this far.
 */
@Component
class AuditFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final String USER_ROLE = "user";

    private final AuditLog audit;

    AuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public int getOrder() {
        // After TokenFilter (HIGHEST_PRECEDENCE + 10), which authenticates.
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!WRITES.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        return Mono.deferContextual(context -> {
            AccessGrant grant = context.<AccessGrant>getOrEmpty(AccessGrant.class).orElse(null);
            if (grant != null && !USER_ROLE.equals(grant.role())) {
                exchange.getResponse().beforeCommit(() -> audit.record(entry(exchange, grant)).then()
                        .onErrorResume(failure -> {
                            // The action has happened: failing the answer would not undo it.
                            log.error("Audit entry for {} {} not written", exchange.getRequest().getMethod(),
                                    exchange.getRequest().getPath(), failure);
                            return Mono.empty();
                        }));
            }
            return chain.filter(exchange);
        });
    }

    private static AuditEntry entry(ServerWebExchange exchange, AccessGrant grant) {
        ServerHttpRequest request = exchange.getRequest();
        PathPattern pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        Map<String, String> variables = exchange.getAttributeOrDefault(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                Map.of());
        String user = variables.get("user");
        ObjectId target = user == null ? null : "me".equals(user) ? grant.user() : ObjectId.isValid(user) ? new ObjectId(user) : null;
        InetSocketAddress peer = request.getRemoteAddress();
        int status = exchange.getResponse().getStatusCode() == null ? 200 : exchange.getResponse().getStatusCode().value();
        return new AuditEntry(null, null, new AuditEntry.Actor(grant.hash(), grant.role(), grant.subject(), grant.user()),
                request.getMethod().name(), pattern == null ? request.getPath().value() : pattern.getPatternString(),
                variables, target, status, peer == null ? null : peer.getAddress().getHostAddress(),
                request.getHeaders().getFirst("X-Forwarded-For"));
    }
}
