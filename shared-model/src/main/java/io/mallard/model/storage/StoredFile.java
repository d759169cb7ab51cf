package io.mallard.model.storage;

import java.time.Instant;

import org.bson.types.ObjectId;

/**
 * A file a user uploaded for later use (draft attachments), after WildDuck's storage files.
 *
 * @param cid a Content-ID for inline use, or {@code null}
 * @param size bytes, counted against the user's quota
 */
public record StoredFile(ObjectId id, ObjectId user, String filename, String contentType, String cid, long size,
        Instant created) {
}
