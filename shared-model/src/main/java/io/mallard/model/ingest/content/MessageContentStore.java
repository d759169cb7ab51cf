package io.mallard.model.ingest.content;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.types.ObjectId;

import io.mallard.model.ingest.AttachmentInfo;
import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.store.IndexedCollection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Stores raw messages so that reading one back yields exactly the bytes received: small runs
 * inline in a {@link StoredContent}, attachment and other large bodies as deduplicated GridFS
 * blobs (see {@link AttachmentStore}). Reads stream chunk by chunk, whole or by byte range, so
 * a large message never sits whole in heap when served (IMAP BODY[]&lt;partial&gt;, POP3 RETR/TOP).
 */
public final class MessageContentStore {

    private final AttachmentStore attachments;

    public MessageContentStore(AttachmentStore attachments) {
        this.attachments = attachments;
    }

    public static List<IndexedCollection> collections() {
        return AttachmentStore.collections();
    }

    /**
     * Stores {@code raw} as parsed by {@link io.mallard.model.ingest.MessageParser}. If any blob
     * fails to store, the references already taken are released before the error is signalled.
     */
    public Mono<StoredContent> store(byte[] raw, ParsedMessage parsed) {
        String id = new ObjectId().toHexString();
        Set<String> attachmentParts = parsed.attachments().stream()
                .map(AttachmentInfo::partId).collect(Collectors.toSet());
        return Mono.fromCallable(() -> plan(raw, parsed, attachmentParts))
                // Hashing a large message is CPU work; keep it off the event loop.
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(plan -> Flux.fromIterable(plan.blobs().entrySet())
                        .concatMap(blob -> attachments.acquire(blob.getKey(), id, blob.getValue())
                                .map(fileId -> Map.entry(blob.getKey(), fileId)))
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                        .map(fileIds -> new StoredContent(id, raw.length, segments(raw, plan, fileIds)))
                        .onErrorResume(error -> Flux.fromIterable(plan.blobs().keySet())
                                .concatMap(hash -> attachments.release(hash, id))
                                .then(Mono.error(error))));
    }

    /** The whole message, streamed. */
    public Flux<ByteBuffer> read(StoredContent content) {
        return read(content, 0, content.size());
    }

    /** Bytes {@code [offset, offset + length)} of the message, clamped to its size. */
    public Flux<ByteBuffer> read(StoredContent content, long offset, long length) {
        long from = Math.max(0, Math.min(offset, content.size()));
        long to = Math.min(content.size(), from + Math.max(0, length));
        List<Flux<ByteBuffer>> pieces = new ArrayList<>();
        long at = 0;
        for (Segment segment : content.segments()) {
            long start = Math.max(from, at);
            long end = Math.min(to, at + segment.length());
            if (start < end) {
                pieces.add(piece(segment, start - at, end - start));
            }
            at += segment.length();
        }
        return Flux.concat(pieces);
    }

    /**
     * The whole bytes of each message, as {@link #read(StoredContent)} streams them, with the blobs
     * of all of them read in one query ({@link AttachmentStore#readWhole}): for a reader that holds
     * a batch of messages in memory anyway (POP3's read-ahead window), instead of a query per blob.
     */
    public Mono<List<List<ByteBuffer>>> readWhole(List<StoredContent> contents) {
        Set<ObjectId> fileIds = new LinkedHashSet<>();
        for (StoredContent content : contents) {
            for (Segment segment : content.segments()) {
                if (segment instanceof Segment.Blob blob) {
                    fileIds.add(blob.fileId());
                }
            }
        }
        return attachments.readWhole(fileIds).map(chunks -> contents.stream().map(content -> whole(content, chunks)).toList());
    }

    private static List<ByteBuffer> whole(StoredContent content, Map<ObjectId, List<ByteBuffer>> files) {
        List<ByteBuffer> pieces = new ArrayList<>();
        for (Segment segment : content.segments()) {
            if (segment instanceof Segment.Inline inline) {
                pieces.add(ByteBuffer.wrap(inline.bytes()).asReadOnlyBuffer());
                continue;
            }
            // The file holds exactly the blob's bytes; cut at its length all the same, as read() does.
            long left = segment.length();
            for (ByteBuffer chunk : files.getOrDefault(((Segment.Blob) segment).fileId(), List.of())) {
                if (left <= 0) {
                    break;
                }
                ByteBuffer piece = chunk.duplicate();
                piece.limit(piece.position() + (int) Math.min(piece.remaining(), left));
                left -= piece.remaining();
                pieces.add(piece);
            }
        }
        return pieces;
    }

    /**
     * The same bytes for a copy of the message (IMAP COPY): a new owner id with its own reference
     * on each blob, so that either message can be released without the other losing its bytes.
     */
    public Mono<StoredContent> share(StoredContent content) {
        String id = new ObjectId().toHexString();
        return Flux.fromIterable(content.blobHashes())
                .concatMap(hash -> attachments.share(hash, id))
                .then(Mono.fromSupplier(() -> new StoredContent(id, content.size(), content.segments())));
    }

    /** Drops this message's blob references; releasing twice is harmless. */
    public Mono<Void> release(StoredContent content) {
        return Flux.fromIterable(content.blobHashes())
                .concatMap(hash -> attachments.release(hash, content.id()))
                .then();
    }

    private Flux<ByteBuffer> piece(Segment segment, long from, long length) {
        if (segment instanceof Segment.Inline inline) {
            return Flux.just(ByteBuffer.wrap(inline.bytes(), (int) from, (int) length).asReadOnlyBuffer());
        }
        Segment.Blob blob = (Segment.Blob) segment;
        return attachments.read(blob.fileId(), from, length);
    }

    private record Plan(List<ContentSegmenter.Range> ranges, List<String> hashes, Map<String, ByteBuffer> blobs) {
    }

    private static Plan plan(byte[] raw, ParsedMessage parsed, Set<String> attachmentParts) {
        List<ContentSegmenter.Range> ranges = ContentSegmenter.plan(raw.length, parsed.mimeTree(), attachmentParts);
        List<String> hashes = new ArrayList<>();
        Map<String, ByteBuffer> blobs = new HashMap<>();
        for (ContentSegmenter.Range range : ranges) {
            if (range.blob()) {
                String hash = sha256(raw, range.from(), range.length());
                hashes.add(hash);
                blobs.putIfAbsent(hash, ByteBuffer.wrap(raw, range.from(), range.length()).asReadOnlyBuffer());
            } else {
                hashes.add(null);
            }
        }
        return new Plan(ranges, hashes, blobs);
    }

    private static List<Segment> segments(byte[] raw, Plan plan, Map<String, ObjectId> fileIds) {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < plan.ranges().size(); i++) {
            ContentSegmenter.Range range = plan.ranges().get(i);
            String hash = plan.hashes().get(i);
            segments.add(hash == null
                    ? new Segment.Inline(java.util.Arrays.copyOfRange(raw, range.from(), range.to()))
                    : new Segment.Blob(hash, fileIds.get(hash), range.length()));
        }
        return segments;
    }

    private static String sha256(byte[] raw, int from, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(raw, from, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
