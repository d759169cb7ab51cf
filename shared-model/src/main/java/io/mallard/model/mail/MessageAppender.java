package io.mallard.model.mail;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.bson.types.ObjectId;

import io.mallard.model.ingest.MessageParser;
import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.ingest.content.MessageContentStore;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageStore;
import io.mallard.model.message.NewMessage;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Stores a raw RFC 5322 message in a mailbox, the one way in for IMAP APPEND, LMTP delivery and
 * API uploads: parse once, store the bytes, then place the message under a UID. When placing
 * fails or finds no mailbox (over quota, mailbox gone) the bytes are released again, so nothing is
 * left half-stored.
 */
public final class MessageAppender {

    private final MessageParser parser;
    private final MessageContentStore contents;
    private final MessageStore messages;

    public MessageAppender(MessageParser parser, MessageContentStore contents, MessageStore messages) {
        this.parser = parser;
        this.contents = contents;
        this.messages = messages;
    }

    public Mono<Message> append(ObjectId mailbox, byte[] raw, List<String> flags, Instant internalDate) {
        return append(raw, flags, internalDate, message -> messages.append(mailbox, message));
    }

    /**
     * As {@link #append(ObjectId, byte[], List, Instant)}, into the user's mailbox named {@code path}
     * (IMAP APPEND); empty, with nothing kept, when there is no such mailbox.
     */
    public Mono<MessageStore.Appended> append(ObjectId user, String path, byte[] raw, List<String> flags,
            Instant internalDate) {
        return append(raw, flags, internalDate, message -> messages.append(user, path, message));
    }

    private <T> Mono<T> append(byte[] raw, List<String> flags, Instant internalDate, Function<NewMessage, Mono<T>> place) {
        // Parsing is CPU work proportional to the message: off the event loop.
        return Mono.fromCallable(() -> parser.parse(raw))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(parsed -> contents.store(raw, parsed)
                        .flatMap(stored -> place.apply(newMessage(parsed, flags, internalDate,
                                        MessageContent.embed(raw, parsed, stored)))
                                .switchIfEmpty(Mono.defer(() -> contents.release(stored).then(Mono.empty())))
                                .onErrorResume(error -> contents.release(stored).then(Mono.error(error)))));
    }

    private static NewMessage newMessage(ParsedMessage parsed, List<String> flags, Instant internalDate,
            org.bson.Document content) {
        return new NewMessage(parsed.size(), internalDate, flags, parsed.messageId(), parsed.inReplyTo(),
                parsed.references(), parsed.subject(), content);
    }
}
