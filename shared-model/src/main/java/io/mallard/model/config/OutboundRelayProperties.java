package io.mallard.model.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMTP relay for forwards, autoreplies and submitted mail ({@code mallard.relay.*}, e.g.
 * {@code MALLARD_RELAY_HOST}).
 * Without a host, queued mail waits in MongoDB until one is configured.
 *
 * @param host relay host name, unset for no sending
 * @param port relay port
 * @param poll how often the queue is checked
 * @param firstRetry wait after the first failure, doubled on each further one
 */
@ConfigurationProperties("mallard.relay")
public record OutboundRelayProperties(String host, Integer port, Duration poll, Duration firstRetry) {

    public OutboundRelayProperties {
        port = port == null ? 25 : port;
        poll = poll == null ? Duration.ofSeconds(5) : poll;
        firstRetry = firstRetry == null ? Duration.ofMinutes(1) : firstRetry;
    }
}
