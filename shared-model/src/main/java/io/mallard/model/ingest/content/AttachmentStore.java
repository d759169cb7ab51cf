package io.mallard.model.ingest.content;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.bson.Document;
import org.bson.BsonBinary;
import org.bson.types.ObjectId;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import com.mongodb.reactivestreams.client.gridfs.GridFSBucket;
import com.mongodb.reactivestreams.client.gridfs.GridFSBuckets;

import io.mallard.model.store.IndexedCollection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Large bodies in GridFS, stored once per SHA-256 of their bytes and counted by reference.
 *
 * <p>Collections: {@code attachments} ({@code _id} = hex SHA-256, {@code refs}, {@code fileId},
 * {@code size}) counts references; {@code attachment_refs} ({@code _id} = hash + ":" + owner)
 * records which stored message holds a reference, so releasing the same message twice counts
 * once; the GridFS bucket {@code attachments} ({@code attachments.files}/{@code .chunks}) holds
 * the bytes. There are no transactions, so every step is one atomic single-document write and
 * every crash window errs towards keeping a file (a leak a sweep can collect), never towards
 * deleting one still referenced.
 */
public final class AttachmentStore {

    public static final String COLLECTION = "attachments";
    public static final String REFS_COLLECTION = "attachment_refs";
    public static final String BUCKET = "attachments";
    /** GridFS's default chunk size: 255 KiB keeps each chunk document small and reads granular. */
    public static final int CHUNK_SIZE = 255 * 1024;
    /** Chunks fetched per round trip when reading: about 1 MiB in heap at a time. */
    private static final int READ_BATCH = 4;
    /** Files named in one {@code $in} of {@link #readWhole}, so that a query stays small. */
    private static final int FILES_PER_QUERY = 256;

    private final MongoCollection<Document> attachments;
    private final MongoCollection<Document> refs;
    private final MongoCollection<Document> chunks;
    private final GridFSBucket bucket;

    public AttachmentStore(MongoDatabase database) {
        this.attachments = database.getCollection(COLLECTION);
        this.refs = database.getCollection(REFS_COLLECTION);
        this.chunks = database.getCollection(BUCKET + ".chunks");
        this.bucket = GridFSBuckets.create(database, BUCKET).withChunkSizeBytes(CHUNK_SIZE);
    }

    /**
     * The collections this store relies on. Shard keys: {@code attachments} and
     * {@code attachment_refs} by hashed {@code _id} (the content hash spreads evenly, and every
     * query is by {@code _id}); {@code attachments.chunks} by {@code files_id}, so one file's
     * chunks live together and a range read hits one shard. The hash is unique as the {@code _id}.
     */
    public static List<IndexedCollection> collections() {
        return List.of(
                new IndexedCollection(COLLECTION, List.of(), "_id"),
                new IndexedCollection(REFS_COLLECTION, List.of(), "_id"),
                new IndexedCollection(BUCKET + ".files", List.of(
                        new IndexModel(Indexes.ascending("filename", "uploadDate"))), null),
                new IndexedCollection(BUCKET + ".chunks", List.of(
                        new IndexModel(Indexes.ascending("files_id", "n"), new IndexOptions().unique(true))),
                        "files_id"));
    }

    /**
     * Takes one reference for {@code owner} on the body with this hash, uploading the bytes only
     * if no file holds them yet. Completes with the GridFS file id that holds them.
     */
    public Mono<ObjectId> acquire(String hash, String owner, ByteBuffer bytes) {
        // Count first, record the owner second: a crash between leaves the count too high (a
        // leak), never too low (an early delete).
        Mono<Document> counted = Mono.from(attachments.findOneAndUpdate(Filters.eq("_id", hash),
                Updates.combine(Updates.inc("refs", 1L), Updates.setOnInsert("size", (long) bytes.remaining())),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                // Two first upserts of one hash can race to insert; the loser finds the winner's document.
                .retryWhen(Retry.max(3).filter(AttachmentStore::isDuplicateKey));
        return counted
                .flatMap(document -> Mono.from(refs.insertOne(new Document("_id", hash + ":" + owner)))
                        .thenReturn(document)
                        // This owner already held a reference (a retried store): undo the extra count.
                        .onErrorResume(AttachmentStore::isDuplicateKey, duplicate -> Mono.from(
                                attachments.updateOne(Filters.eq("_id", hash), Updates.inc("refs", -1L)))
                                .thenReturn(document)))
                .flatMap(document -> document.getObjectId("fileId") != null
                        ? Mono.just(document.getObjectId("fileId"))
                        : upload(hash, bytes));
    }

    /**
     * Uploads under a fresh id, then claims the hash for it. When a concurrent store claimed it
     * first, this copy is deleted and theirs is used, so GridFS ends up holding the bytes once.
     */
    private Mono<ObjectId> upload(String hash, ByteBuffer bytes) {
        ObjectId fileId = new ObjectId();
        return Mono.from(bucket.uploadFromPublisher(new org.bson.BsonObjectId(fileId), hash,
                        Mono.just(bytes.duplicate())))
                .then(Mono.from(attachments.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", hash), Filters.exists("fileId", false)),
                        Updates.set("fileId", fileId))))
                .map(previous -> fileId)
                .switchIfEmpty(Mono.defer(() -> Mono.from(bucket.delete(fileId))
                        .then(Mono.from(attachments.find(Filters.eq("_id", hash)).first()))
                        .map(document -> document.getObjectId("fileId"))));
    }

    /**
     * Takes one reference for {@code owner} on a body another stored message already holds, as a
     * COPY does; idempotent per owner. Fails when the body is gone, so a copy never points at
     * nothing. Counting first keeps the release of the other holder from deleting it meanwhile.
     */
    public Mono<Void> share(String hash, String owner) {
        return Mono.from(attachments.updateOne(Filters.eq("_id", hash), Updates.inc("refs", 1L)))
                .filter(result -> result.getMatchedCount() == 1)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("attachment " + hash + " is gone")))
                .then(Mono.from(refs.insertOne(new Document("_id", hash + ":" + owner))).then())
                .onErrorResume(AttachmentStore::isDuplicateKey, duplicate -> Mono.from(
                        attachments.updateOne(Filters.eq("_id", hash), Updates.inc("refs", -1L))).then());
    }

    /**
     * Drops {@code owner}'s reference; idempotent per owner. The file goes when no reference is
     * left: the delete matches only {@code refs <= 0}, so a reference taken meanwhile keeps it.
     */
    public Mono<Void> release(String hash, String owner) {
        return Mono.from(refs.deleteOne(Filters.eq("_id", hash + ":" + owner)))
                .filter(result -> result.getDeletedCount() == 1)
                .flatMap(result -> Mono.from(attachments.updateOne(Filters.eq("_id", hash), Updates.inc("refs", -1L))))
                .then(Mono.from(attachments.findOneAndDelete(
                        Filters.and(Filters.eq("_id", hash), Filters.lte("refs", 0L)))))
                .flatMap(document -> document.getObjectId("fileId") == null
                        ? Mono.empty()
                        : Mono.from(bucket.delete(document.getObjectId("fileId"))))
                .then();
    }

    /** Bytes {@code [from, from + length)} of a file, fetched chunk by chunk (GridFS layout). */
    public Flux<ByteBuffer> read(ObjectId fileId, long from, long length) {
        if (length <= 0) {
            return Flux.empty();
        }
        long end = from + length;
        int first = (int) (from / CHUNK_SIZE);
        int last = (int) ((end - 1) / CHUNK_SIZE);
        return Flux.from(chunks.find(Filters.and(Filters.eq("files_id", fileId),
                                Filters.gte("n", first), Filters.lte("n", last)))
                        .sort(Sorts.ascending("n"))
                        .batchSize(READ_BATCH))
                .map(chunk -> {
                    byte[] data = chunk.get("data", BsonBinary.class).getData();
                    long chunkStart = (long) chunk.getInteger("n") * CHUNK_SIZE;
                    int sliceFrom = (int) (Math.max(from, chunkStart) - chunkStart);
                    int sliceTo = (int) Math.min(data.length, end - chunkStart);
                    return ByteBuffer.wrap(data, sliceFrom, sliceTo - sliceFrom).asReadOnlyBuffer();
                });
    }

    /**
     * The whole bytes of each file, in chunks, read with one {@code $in} query (per
     * {@value #FILES_PER_QUERY} files) instead of one query each: a POP3 read-ahead window holds
     * the bodies of up to a few hundred messages at once. The caller bounds how many bytes that
     * is. A file with no chunks (deleted meanwhile) is missing from the map.
     */
    public Mono<Map<ObjectId, List<ByteBuffer>>> readWhole(Collection<ObjectId> fileIds) {
        return Flux.fromIterable(new LinkedHashSet<>(fileIds))
                .buffer(FILES_PER_QUERY)
                .concatMap(ids -> Flux.from(chunks.find(Filters.in("files_id", ids))))
                .collect(() -> new HashMap<ObjectId, SortedMap<Integer, ByteBuffer>>(), (files, chunk) -> files
                        .computeIfAbsent(chunk.getObjectId("files_id"), id -> new TreeMap<>())
                        .put(chunk.getInteger("n"), ByteBuffer.wrap(chunk.get("data", BsonBinary.class).getData())
                                .asReadOnlyBuffer()))
                .map(files -> {
                    Map<ObjectId, List<ByteBuffer>> ordered = new HashMap<>();
                    files.forEach((id, byNumber) -> ordered.put(id, List.copyOf(byNumber.values())));
                    return ordered;
                });
    }

    private static boolean isDuplicateKey(Throwable error) {
        return error instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
