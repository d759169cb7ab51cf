package io.mallard.api.webhooks;

import java.time.Clock;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mallard.model.lease.Lease;
import io.mallard.model.message.MailStorage;
import io.mallard.model.store.MongoStore;
import io.mallard.model.webhook.WebhookQueue;
import io.mallard.model.webhook.WebhookStore;

/** The webhook worker of this instance, competing with every other instance's for the lease. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "mallard.webhooks.enabled", matchIfMissing = true)
    WebhookWorker webhookWorker(MongoStore mongo, MailStorage storage, WebhookStore webhooks, WebhookQueue queue,
            WebhookProperties settings, Clock clock) {
        Lease lease = new Lease(mongo.database(), WebhookWorker.LEASE, UUID.randomUUID().toString(), settings.lease(),
                clock);
        WebhookWorker worker = new WebhookWorker(lease, storage.journal(), webhooks, queue, settings, clock);
        worker.start();
        return worker;
    }
}
