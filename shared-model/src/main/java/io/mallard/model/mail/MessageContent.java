package io.mallard.model.mail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;

import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.ingest.ParsedMessageCodec;
import io.mallard.model.ingest.MimePart;
import io.mallard.model.ingest.ParsedParts;
import io.mallard.model.ingest.ParsedSummary;
import io.mallard.model.ingest.content.MessageContentStore;
import io.mallard.model.ingest.content.StoredContent;
import io.mallard.model.message.ContentReferences;
import io.mallard.model.message.Message;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How a message's content lives in its document: {@code content.raw} locates the exact original
 * bytes (inline runs and deduplicated blobs), {@code content.parsed} holds what was parsed once on
 * arrival (envelope, body structure, text, part offsets), so no reader parses the message again.
 */
public final class MessageContent implements ContentReferences {

    private final MessageContentStore store;
    private final ContentCache cache;

    public MessageContent(MessageContentStore store, ContentCache cache) {
        this.store = store;
        this.cache = cache;
    }

    static Document embed(byte[] bytes, ParsedMessage parsed, StoredContent raw) {
        return new Document("raw", raw.toDocument()).append("parsed",
                ParsedMessageCodec.withHeader(ParsedMessageCodec.toDocument(parsed), bytes, parsed.mimeTree()));
    }

    /** The original bytes, streamed (IMAP BODY[], POP3 RETR). */
    public Flux<ByteBuffer> raw(Message message) {
        return store.read(stored(message.content()));
    }

    /**
     * The original bytes of each message, whole, with the bodies stored apart of all of them read
     * in one query (POP3's read-ahead window); in the order of {@code messages}. They are kept in
     * the {@link ContentCache} for {@link #cachedWhole}.
     */
    public Mono<List<List<ByteBuffer>>> rawWhole(List<Message> messages) {
        return store.readWhole(messages.stream().map(message -> stored(message.content())).toList())
                .doOnNext(bodies -> {
                    for (int i = 0; i < bodies.size(); i++) {
                        cache.put(messages.get(i).id(), bodies.get(i));
                    }
                });
    }

    /**
     * The original bytes of {@code message}, whole and read-only, if {@link #rawWhole} read them
     * lately; null otherwise. Whether the message is still there is for the caller to ask the store.
     */
    public List<ByteBuffer> cachedWhole(ObjectId message) {
        return cache.get(message);
    }

    /**
     * The original bytes in one array, for the few uses that need them whole (forwarding, a copy
     * queued for sending); readers stream {@link #raw(Message)} instead.
     */
    public Mono<byte[]> bytes(Message message) {
        return raw(message).collect(() -> ByteBuffer.allocate((int) message.size()), (whole, chunk) -> whole.put(chunk))
                .map(ByteBuffer::array);
    }

    /** Bytes {@code [offset, offset + length)} of the original (BODY[]&lt;partial&gt;, sections, TOP). */
    public Flux<ByteBuffer> raw(Message message, long offset, long length) {
        return store.read(stored(message.content()), offset, length);
    }

    /** As {@link #raw(Message, long, long)}, in one array: a body section, a header block. */
    public Mono<byte[]> bytes(Message message, long offset, long length) {
        return raw(message, offset, length).collect(ByteArrayOutputStream::new, (out, chunk) -> {
            ByteBuffer bytes = chunk.duplicate();
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            out.writeBytes(copy);
        }).map(ByteArrayOutputStream::toByteArray);
    }

    /**
     * The message's own header block, taken from its bytes, for a message stored before ingest
     * kept it apart ({@link ParsedParts#header}); read with its MIME tree and bytes. Empty when
     * larger than {@link ParsedParts#MAX_HEADER}, which ingest does not keep either.
     */
    public Mono<byte[]> header(Message message) {
        MimePart root = parts(message).mimeTree();
        long length = root.bodyStart() - root.headerStart();
        return length > ParsedParts.MAX_HEADER ? Mono.empty() : bytes(message, root.headerStart(), length);
    }

    public ParsedMessage parsed(Message message) {
        return ParsedMessageCodec.fromDocument(message.content().get("parsed", Document.class));
    }

    /** What FETCH renders of a message read with {@code MessageFields.withParsed}, and only that. */
    public ParsedParts parts(Message message) {
        return ParsedMessageCodec.parts(message.content().get("parsed", Document.class));
    }

    /** The listing fields, also of a message read with {@code MessageListing.summaries}. */
    public ParsedSummary summary(Message message) {
        return ParsedMessageCodec.summary(message.content().get("parsed", Document.class));
    }

    @Override
    public Mono<Document> share(Document content) {
        return store.share(stored(content))
                .map(copy -> new Document(content).append("raw", copy.toDocument()));
    }

    @Override
    public Mono<Void> release(Document content) {
        return store.release(stored(content));
    }

    private static StoredContent stored(Document content) {
        return StoredContent.fromDocument(content.get("raw", Document.class));
    }
}
