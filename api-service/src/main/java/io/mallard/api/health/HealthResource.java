package io.mallard.api.health;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import org.bson.Document;
import org.springframework.http.HttpStatus;

import io.mallard.model.store.Stores;
import io.mallard.web.ApiException;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * WildDuck's {@code GET /health}, open to anyone: load balancers and Kubernetes probes carry no
 * token. It answers 200 only when both stores answer a ping, so a pod that lost them leaves the
 * rotation.
 */
@RestController
@Tag(name = "Health")
class HealthResource {

    private final Stores stores;

    HealthResource(Stores stores) {
        this.stores = stores;
    }

    @GetMapping("/health")
    @SecurityRequirements
    Mono<Map<String, Boolean>> health() {
        return Mono.from(stores.mongo().database().runCommand(new Document("ping", 1)))
                .then(stores.redis().commands().ping())
                .thenReturn(Map.of("success", true))
                .onErrorMap(down -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable",
                        "A data store does not answer"));
    }
}
