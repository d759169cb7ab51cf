package io.mallard.model.storage;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.regex.Pattern;

import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import com.mongodb.reactivestreams.client.gridfs.GridFSBucket;
import com.mongodb.reactivestreams.client.gridfs.GridFSBuckets;

import io.mallard.model.quota.QuotaLedger;
import io.mallard.model.store.IdPages;
import io.mallard.model.store.IndexedCollection;
import io.mallard.model.user.UserOwned;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Users' uploaded files in the GridFS bucket {@code storage} (WildDuck's), each owned through
 * {@code metadata.user} and counted in the user's quota. An upload is written first and counted
 * when its size is known; a store over quota deletes it again. A crash between the two leaves an
 * uncounted file, which {@link QuotaLedger#recalculate} then counts.
 */
public final class UserFileStore implements UserOwned {

    public static final String BUCKET = "storage";
    /** GridFS's default: 255 KiB chunks keep each chunk document small. */
    static final int CHUNK_SIZE = 255 * 1024;

    /**
     * Files are listed per user in id order; chunks are sharded by {@code files_id} so one file's
     * chunks live together, as for message attachments.
     */
    public static final List<IndexedCollection> COLLECTIONS = List.of(
            new IndexedCollection(BUCKET + ".files", List.of(new IndexModel(Indexes.ascending("metadata.user", "_id"))),
                    null),
            new IndexedCollection(BUCKET + ".chunks", List.of(
                    new IndexModel(Indexes.ascending("files_id", "n"), new IndexOptions().unique(true))), "files_id"));

    private final GridFSBucket bucket;
    private final MongoCollection<Document> files;
    private final QuotaLedger quota;

    public UserFileStore(MongoDatabase database, QuotaLedger quota) {
        this.bucket = GridFSBuckets.create(database, BUCKET).withChunkSizeBytes(CHUNK_SIZE);
        this.files = database.getCollection(BUCKET + ".files");
        this.quota = quota;
    }

    /**
     * Stores {@code content} for {@code user} and counts it in the quota. Fails with the content's
     * own error (a size limit, say) after removing what was written, or with
     * {@code QuotaExceededException} when the file does not fit.
     */
    public Mono<StoredFile> upload(ObjectId user, String filename, String contentType, String cid,
            Flux<ByteBuffer> content) {
        ObjectId id = new ObjectId();
        Document metadata = new Document("user", user).append("contentType", contentType);
        if (cid != null) {
            metadata.append("cid", cid);
        }
        return Mono.from(bucket.uploadFromPublisher(new BsonObjectId(id), filename, content,
                        new GridFSUploadOptions().metadata(metadata)))
                .then(Mono.defer(() -> get(user, id)))
                .flatMap(stored -> quota.reserve(user, stored.size())
                        .onErrorResume(refused -> Mono.from(bucket.delete(id)).then(Mono.error(refused)))
                        .thenReturn(stored));
    }

    /** The user's file, or empty when the id is unknown or another user's. */
    public Mono<StoredFile> get(ObjectId user, ObjectId id) {
        return Mono.from(files.find(Filters.and(Filters.eq("_id", id), Filters.eq("metadata.user", user))).first())
                .map(UserFileStore::of);
    }

    /**
     * Up to {@code limit} of the user's files beyond {@code after} in id order (before it when
     * {@code backwards}), returned in id order; {@code query} is a part of the file name.
     */
    public Flux<StoredFile> page(ObjectId user, String query, ObjectId after, boolean backwards, int limit) {
        Bson filter = Filters.eq("metadata.user", user);
        if (query != null && !query.isEmpty()) {
            filter = Filters.and(filter, Filters.regex("filename", Pattern.quote(query), "i"));
        }
        return IdPages.read(files, filter, after, true, backwards, limit).map(UserFileStore::of);
    }

    /** The file's bytes, streamed chunk by chunk. */
    public Flux<ByteBuffer> content(StoredFile file) {
        return Flux.from(bucket.downloadToPublisher(file.id()));
    }

    /** Deletes the user's file and gives its bytes back to the quota; false when there was none. */
    public Mono<Boolean> delete(ObjectId user, ObjectId id) {
        return get(user, id)
                .flatMap(file -> Mono.from(bucket.delete(id))
                        .then(quota.release(user, file.size()))
                        .thenReturn(true)
                        // A concurrent delete got there first and released the bytes itself.
                        .onErrorResume(MongoGridFSException.class, gone -> Mono.just(false)))
                .defaultIfEmpty(false);
    }

    /** The quota goes with the user, so nothing is given back to it. */
    @Override
    public Mono<Long> purge(ObjectId user) {
        return Flux.from(files.find(Filters.eq("metadata.user", user)).projection(new Document("_id", 1)))
                .concatMap(file -> Mono.from(bucket.delete(file.getObjectId("_id")))
                        .thenReturn(1L)
                        .onErrorResume(MongoGridFSException.class, gone -> Mono.just(0L)))
                .reduce(0L, Long::sum);
    }

    /** A GridFS files document: {@code length}, {@code uploadDate}, and Mallard's {@code metadata}. */
    private static StoredFile of(Document file) {
        Document metadata = file.get("metadata", new Document());
        return new StoredFile(file.getObjectId("_id"), metadata.getObjectId("user"), file.getString("filename"),
                metadata.getString("contentType"), metadata.getString("cid"), ((Number) file.get("length")).longValue(),
                file.getDate("uploadDate").toInstant());
    }
}
