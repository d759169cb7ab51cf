package io.mallard.lmtp.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.message.MessageStore;
import reactor.core.publisher.Mono;

/**
 * Suppresses a second copy of one message in one mailbox: an MTA that lost our 250 (a crash, a
 * timeout) delivers again, as do lists that reach a user twice. The check reads the stored
 * messages on the {@code {user, messageId}} index rather than a Redis marker, so it is exactly as
 * durable as the message itself: a copy stored just before a crash is found on the retry.
 */
public final class DuplicateGuard {

    private final MongoCollection<Document> messages;
    private final Duration window;

    public DuplicateGuard(MongoDatabase database, Duration window) {
        this.messages = database.getCollection(MessageStore.COLLECTION.name());
        this.window = window;
    }

    /** Whether a message with this Message-ID reached {@code mailbox} within the window before {@code now}. */
    public Mono<Boolean> seen(ObjectId user, ObjectId mailbox, String messageId, Instant now) {
        if (messageId == null || messageId.isBlank() || window.isZero()) {
            return Mono.just(false);
        }
        return Mono.from(messages.find(Filters.and(Filters.eq("user", user), Filters.eq("messageId", messageId),
                                Filters.eq("mailbox", mailbox), Filters.gte("idate", Date.from(now.minus(window))),
                                Filters.ne("abandoned", true)))
                        .projection(new Document("_id", 1))
                        .first())
                .hasElement();
    }
}
