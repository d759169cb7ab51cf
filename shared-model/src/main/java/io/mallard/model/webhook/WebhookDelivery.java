package io.mallard.model.webhook;

import org.bson.types.ObjectId;

/**
 * One event on its way to one webhook: the unit that is posted, retried and finally delivered or
 * given up.
 *
 * @param id {@code <event id>:<webhook id>}, so an event reaches each webhook once however often
 *     it is published
 * @param body the exact JSON posted on every attempt
 * @param attempts attempts made so far
 */
public record WebhookDelivery(String id, String eventId, String type, ObjectId webhook, String url, String secret,
        String body, int attempts) {
}
