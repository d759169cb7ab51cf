package io.mallard.model.message;

import org.bson.Document;

import reactor.core.publisher.Mono;

/**
 * What the content layer must hear when a stored message is copied or removed: the bytes behind a
 * message (deduplicated attachments) are reference-counted, and only it knows how.
 */
public interface ContentReferences {

    /** For content documents that hold no counted references (tests of the mailbox layer alone). */
    ContentReferences NONE = new ContentReferences() {
        @Override
        public Mono<Document> share(Document content) {
            return Mono.just(content);
        }

        @Override
        public Mono<Void> release(Document content) {
            return Mono.empty();
        }
    };

    /** A copy of the message is being stored: the content document the copy embeds. */
    Mono<Document> share(Document content);

    /** The message is gone for good: drop its hold on the bytes. */
    Mono<Void> release(Document content);
}
