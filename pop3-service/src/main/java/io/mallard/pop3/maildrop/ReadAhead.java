package io.mallard.pop3.maildrop;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;

import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageFields;
import io.mallard.model.message.MessageListing;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a session's messages a window at a time, ahead of the client: clients RETR the maildrop in
 * order, so the documents of the next messages, as many as fit {@code windowBytes}, come in one
 * query instead of a round trip each, and their bodies stored apart (GridFS) are read too, all of
 * them in one more query, while the client is still busy with the messages before. When the client enters a window the next one
 * is read, so at most two are held and a session pins a bounded amount of memory. The first window
 * of a session is small, so the first RETR waits for little, and each next one doubles up to
 * {@code windowBytes}. A message larger than half of that is never held: its bytes stream from
 * the store when it is sent. Only the original bytes are read, never the parsed content, which
 * POP3 does not use.
 *
 * <p>Whole messages read this way stay in the process's content cache a while: a window whose
 * messages are all there asks the store only which of them still exist, so a client that
 * downloads its maildrop again costs the store a few fields a message.
 *
 * <p>TOP reads only the start of a message, so a window that TOP opens reads the documents alone
 * (the bytes kept inline) and leaves the bodies stored apart in the store.
 *
 * <p>Used from the session's event loop only, one command at a time; windows complete on store
 * threads.
 */
final class ReadAhead {

    /** What a document holds inline at most (the store moves the rest of a message to GridFS). */
    private static final long MAX_INLINE = 1024 * 1024;
    /** The first window is this part of a full one. */
    private static final int FIRST_WINDOW_PART = 16;

    private final MessageListing listing;
    private final MessageContent content;
    private final ObjectId inbox;
    private final List<MaildropEntry> messages;
    private final long windowBytes;
    private Window current;
    private Window next;

    ReadAhead(MessageListing listing, MessageContent content, ObjectId inbox, List<MaildropEntry> messages,
            long windowBytes) {
        this.listing = listing;
        this.content = content;
        this.inbox = inbox;
        this.messages = messages;
        this.windowBytes = windowBytes;
    }

    /**
     * The original bytes of message {@code number} (1-based), for RETR ({@code whole}) or TOP; empty
     * when another session removed the message since login.
     */
    Mono<Flux<ByteBuffer>> content(int number, boolean whole) {
        if (next != null && next.holds(number, whole)) {
            current = next;
            next = null;
        } else if (current == null || !current.holds(number, whole)) {
            current = read(number, whole, windowBytes / FIRST_WINDOW_PART);
            next = null;
        }
        if (next == null && current.last < messages.size()) {
            next = read(current.last + 1, whole, Math.min(windowBytes, 2 * current.budget));
        }
        ObjectId id = messages.get(number - 1).id();
        return current.messages.mapNotNull(read -> read.get(id)).map(this::bytes);
    }

    private Flux<ByteBuffer> bytes(Read read) {
        // Each RETR of a held message gets its own cursors over the same bytes.
        return read.held() != null ? Flux.fromIterable(read.held()).map(ByteBuffer::duplicate)
                : content.raw(read.message());
    }

    /** Starts reading the window from {@code first}: at least that message, then as many as fit {@code budget}. */
    private Window read(int first, boolean whole, long budget) {
        int last = first;
        long bytes = held(first, whole);
        while (last < messages.size() && bytes + held(last + 1, whole) <= budget) {
            last++;
            bytes += held(last, whole);
        }
        Window window = new Window(first, last, whole, budget);
        Map<ObjectId, List<ByteBuffer>> cached = whole ? cached(first, last) : Map.of();
        window.messages = (cached.isEmpty() ? fromStore(first, last, whole) : stillThere(first, last, cached))
                .doOnError(failure -> window.failed = true)
                .cache();
        // Read now, while the client is busy with the messages before.
        window.messages.subscribe(null, failure -> { });
        return window;
    }

    /**
     * The documents of messages {@code first..last} with their bytes, and the bodies stored apart
     * of the whole messages, in two queries.
     */
    private Mono<Map<ObjectId, Read>> fromStore(int first, int last, boolean whole) {
        // Collected before the bodies are read: the driver sizes each batch by the demand, and
        // reading bodies as documents arrive asked for them a few at a time, a getMore round trip
        // each (measured: 25 windows cost 370 of them). The window bounds the batch.
        return range(first, last, MessageFields.RAW)
                .collectList()
                .flatMap(documents -> {
                    List<Message> held = documents.stream().filter(message -> whole && holdsWhole(message.size()))
                            .toList();
                    // One query for the bodies of the whole window, not one per attachment (200 per
                    // 1,000 messages of the benchmark's mix).
                    return content.rawWhole(held).map(bodies -> {
                        Map<ObjectId, Read> reads = new HashMap<>();
                        documents.forEach(message -> reads.put(message.id(), new Read(message, null)));
                        for (int i = 0; i < held.size(); i++) {
                            reads.put(held.get(i).id(), new Read(held.get(i), bodies.get(i)));
                        }
                        return reads;
                    });
                });
    }

    /**
     * Messages {@code first..last} whose bytes are all in the content cache: the store is asked
     * only which of them are still there, a few fields a message instead of their content.
     */
    private Mono<Map<ObjectId, Read>> stillThere(int first, int last, Map<ObjectId, List<ByteBuffer>> cached) {
        return range(first, last, MessageFields.UIDS)
                .collectMap(Message::id, message -> new Read(message, cached.get(message.id())));
    }

    /** The bytes of every message {@code first..last} if the content cache holds them all, else none. */
    private Map<ObjectId, List<ByteBuffer>> cached(int first, int last) {
        Map<ObjectId, List<ByteBuffer>> cached = new HashMap<>();
        for (int number = first; number <= last; number++) {
            ObjectId id = messages.get(number - 1).id();
            List<ByteBuffer> bytes = holdsWhole(messages.get(number - 1).size()) ? content.cachedWhole(id) : null;
            if (bytes == null) {
                return Map.of();
            }
            cached.put(id, bytes);
        }
        return cached;
    }

    private Flux<Message> range(int first, int last, MessageFields fields) {
        // Every UID of the maildrop was under the mailbox's watermark when login listed it, so the
        // window's last UID stands for the watermark: one store round trip fewer per window.
        long lastUid = messages.get(last - 1).uid();
        return listing.rangeUpTo(lastUid, inbox, messages.get(first - 1).uid(), lastUid, fields);
    }

    /** What message {@code number} costs a window in memory. */
    private long held(int number, boolean whole) {
        long size = messages.get(number - 1).size();
        return whole && holdsWhole(size) ? size : Math.min(size, MAX_INLINE);
    }

    private boolean holdsWhole(long size) {
        return size <= windowBytes / 2;
    }

    /** A message as a window read it: its document, and its bytes unless it is too large to hold. */
    private record Read(Message message, List<ByteBuffer> held) {
    }

    /** Messages {@code first..last}; a failed read is not kept, so the next command reads again. */
    private static final class Window {

        private final int first;
        private final int last;
        private final boolean whole;
        private final long budget;
        private Mono<Map<ObjectId, Read>> messages;
        private volatile boolean failed;

        private Window(int first, int last, boolean whole, long budget) {
            this.first = first;
            this.last = last;
            this.whole = whole;
            this.budget = budget;
        }

        /** RETR needs a window that read whole messages; TOP makes do with any. */
        private boolean holds(int number, boolean wholeMessages) {
            return !failed && number >= first && number <= last && (whole || !wholeMessages);
        }
    }
}
