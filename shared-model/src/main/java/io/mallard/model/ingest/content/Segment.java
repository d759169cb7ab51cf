package io.mallard.model.ingest.content;

import org.bson.BsonBinary;
import org.bson.Document;
import org.bson.types.ObjectId;

/** A run of a stored message's raw bytes: kept inline in the message document, or a GridFS blob. */
public sealed interface Segment {

    long length();

    Document toDocument();

    static Segment fromDocument(Document document) {
        BsonBinary data = document.get("d", BsonBinary.class);
        if (data != null) {
            return new Inline(data.getData());
        }
        return new Blob(document.getString("h"), document.getObjectId("f"), document.get("n", Number.class).longValue());
    }

    /** BSON {@code {d: <binary>}}. */
    record Inline(byte[] bytes) implements Segment {

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public Document toDocument() {
            return new Document("d", new BsonBinary(bytes));
        }
    }

    /** BSON {@code {h: <hex SHA-256>, f: <GridFS file id>, n: <length>}}. */
    record Blob(String sha256, ObjectId fileId, long length) implements Segment {

        @Override
        public Document toDocument() {
            return new Document("h", sha256).append("f", fileId).append("n", length);
        }
    }
}
