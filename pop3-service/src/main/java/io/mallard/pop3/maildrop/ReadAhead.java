package io.mallard.pop3.maildrop;

import java.util.List;

import org.bson.types.ObjectId;

import io.mallard.model.message.MessageFields;
import io.mallard.model.message.MessageListing;
import io.mallard.model.message.Message;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a session's message documents a window at a time: clients RETR the maildrop in order, so
 * the documents of the next messages, as many as fit {@code windowBytes} of content held inline,
 * come in one query instead of one round trip each, and once the client is halfway through a
 * window the next one is already being read while the current messages stream out. At most two
 * windows are held, so a session pins a bounded amount of memory; a message's large bodies are
 * not held at all (they stay in GridFS and stream when the message is sent). Only the original
 * bytes' locations are read, never the parsed content, which POP3 does not use.
 *
 * <p>Used from the session's event loop only, one command at a time; the documents arrive on
 * store threads and are replayed to each RETR that asks.
 */
final class ReadAhead {

    /** What a document holds inline at most (the store moves the rest of a message to GridFS). */
    private static final long MAX_INLINE = 1024 * 1024;

    private final MessageListing listing;
    private final ObjectId inbox;
    private final List<MaildropEntry> messages;
    private final long windowBytes;
    private Window current;
    private Window next;

    ReadAhead(MessageListing listing, ObjectId inbox, List<MaildropEntry> messages, long windowBytes) {
        this.listing = listing;
        this.inbox = inbox;
        this.messages = messages;
        this.windowBytes = windowBytes;
    }

    /** The document of message {@code number} (1-based), or empty when another session removed it. */
    Mono<Message> document(int number) {
        if (next != null && next.holds(number)) {
            current = next;
            next = null;
        } else if (current == null || !current.holds(number)) {
            current = read(number);
            next = null;
        }
        if (next == null && current.last < messages.size() && number >= (current.first + current.last) / 2) {
            next = read(current.last + 1);
        }
        ObjectId id = messages.get(number - 1).id();
        return current.documents.filter(message -> message.id().equals(id)).next();
    }

    /** Starts reading the window from {@code first}: at least that message, then as many as fit. */
    private Window read(int first) {
        int last = first;
        long bytes = inline(first);
        while (last < messages.size() && bytes + inline(last + 1) <= windowBytes) {
            last++;
            bytes += inline(last);
        }
        Window window = new Window(first, last);
        // Connected at once and replayed: the query runs ahead of the RETRs that will want its documents.
        window.documents = listing.range(inbox, messages.get(first - 1).uid(), messages.get(last - 1).uid(),
                        MessageFields.RAW)
                .doOnError(failure -> window.failed = true)
                .replay().autoConnect(0);
        return window;
    }

    private long inline(int number) {
        return Math.min(messages.get(number - 1).size(), MAX_INLINE);
    }

    /** Messages {@code first..last}; a failed read is not kept, so the next RETR reads again. */
    private static final class Window {

        private final int first;
        private final int last;
        private Flux<Message> documents;
        private volatile boolean failed;

        private Window(int first, int last) {
            this.first = first;
            this.last = last;
        }

        private boolean holds(int number) {
            return !failed && number >= first && number <= last;
        }
    }
}
