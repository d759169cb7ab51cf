package io.mallard.auth.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * auth-service's own HTTP settings ({@code MALLARD_AUTH_*}); tokens, roles and login limits are
 * {@code mallard.access.*}, shared with every service. Every field has a default.
 *
 * @param trustedProxies addresses or CIDR blocks of the peers whose {@code X-Forwarded-For} names the real
 *     client: the gateway. Default loopback, as in the standalone JVM; on Kubernetes, the pod network
 * @param maxBody the largest request body decoded; larger ones are refused with 400
 */
@ConfigurationProperties("mallard.auth")
public record AuthProperties(List<String> trustedProxies, DataSize maxBody) {

    public AuthProperties {
        trustedProxies = trustedProxies == null ? List.of("127.0.0.1", "::1") : List.copyOf(trustedProxies);
        maxBody = maxBody == null ? DataSize.ofKilobytes(64) : maxBody;
    }
}
