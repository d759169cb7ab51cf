package io.mallard.api.webhooks;

import java.time.Instant;
import java.util.Map;

import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.mallard.model.webhook.WebhookEvent;
import io.mallard.model.webhook.WebhookQueue;
import reactor.core.publisher.Mono;

/**
 * Account events the API itself causes (users and addresses created or deleted), queued for
 * webhooks before the request is answered. Mailbox and message events come from the journal
 * instead, whichever service made the change.
 */
@Component
public class WebhookEvents {

    private static final Logger log = LoggerFactory.getLogger(WebhookEvents.class);

    private final WebhookQueue queue;

    WebhookEvents(WebhookQueue queue) {
        this.queue = queue;
    }

    /**
     * Queues an event about {@code user}. A queue that cannot be written costs the event, not the
     * request: the change it reports has already been made.
     */
    public Mono<Void> publish(String type, ObjectId user, Map<String, Object> fields) {
        return queue.publish(new WebhookEvent(new ObjectId().toHexString(), type, user, Instant.now(), fields))
                .onErrorResume(failure -> {
                    log.error("webhook event {} for user {} not queued", type, user, failure);
                    return Mono.empty();
                })
                .then();
    }
}
