package io.mallard.model.webhook;

import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;

/**
 * A subscription to platform events, after WildDuck's webhooks.
 *
 * @param types event types ({@code user.created}), prefixes ({@code mailbox.*}) or {@code *} for all
 * @param user only events about this user, or {@code null} for every user's
 * @param url where events are POSTed as JSON
 * @param secret the key of the {@code X-Mallard-Signature} HMAC, or {@code null} for unsigned posts
 */
public record Webhook(ObjectId id, List<String> types, ObjectId user, String url, String secret, Instant created) {

    public Webhook {
        types = List.copyOf(types);
    }
}
