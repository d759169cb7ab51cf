package io.mallard.api.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code mallard.api.*} limits.
 *
 * @param maxBody the largest JSON request body; requests are small, a huge one must not be buffered
 * @param maxMessage the largest raw message an upload may carry (WildDuck's {@code maxMessage})
 * @param maxFile the largest file a user may put in storage
 * @param trustedProxies addresses or CIDR blocks of the peers whose {@code X-Forwarded-For} names
 *     the real client: the gateway. Default loopback, as in the standalone JVM; on Kubernetes, the
 *     pod network
 */
@ConfigurationProperties("mallard.api")
public record ApiProperties(DataSize maxBody, DataSize maxMessage, DataSize maxFile, List<String> trustedProxies) {

    public ApiProperties {
        trustedProxies = trustedProxies == null ? List.of("127.0.0.1", "::1") : List.copyOf(trustedProxies);
        maxBody = maxBody == null ? DataSize.ofKilobytes(256) : maxBody;
        maxMessage = maxMessage == null ? DataSize.ofMegabytes(64) : maxMessage;
        maxFile = maxFile == null ? DataSize.ofMegabytes(25) : maxFile;
    }
}
