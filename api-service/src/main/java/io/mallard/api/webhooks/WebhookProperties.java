package io.mallard.api.webhooks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook delivery ({@code mallard.webhooks.*}, env {@code MALLARD_WEBHOOKS_*}).
 *
 * @param enabled whether this instance competes for the worker lease at all
 * @param poll how often the lease holder follows the journal and posts due deliveries
 * @param backoff the wait after a first failed attempt, doubled after each further one
 * @param maxAttempts attempts before a delivery is given up
 * @param timeout connect and response time allowed per attempt
 * @param lease how long a silent holder keeps the lease; renewed on every poll
 * @param window how far behind its position the journal is re-read, for entries written late
 */
@ConfigurationProperties("mallard.webhooks")
public record WebhookProperties(Boolean enabled, Duration poll, Duration backoff, Integer maxAttempts, Duration timeout,
        Duration lease, Duration window) {

    public WebhookProperties {
        enabled = enabled == null || enabled;
        poll = poll == null ? Duration.ofSeconds(1) : poll;
        backoff = backoff == null ? Duration.ofSeconds(10) : backoff;
        maxAttempts = maxAttempts == null ? 10 : maxAttempts;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        window = window == null ? Duration.ofSeconds(5) : window;
    }
}
