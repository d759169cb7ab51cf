package io.mallard.model.ingest.content;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;

/**
 * Where a message's exact raw bytes are: segments that, concatenated, give the original
 * message byte for byte. The message document embeds it as
 * {@code {id: <hex>, size: <long>, segments: [{d: <binary>} | {h: <sha256>, f: <fileId>, n: <long>}]}}.
 *
 * @param id the reference owner for attachment counting; unique per stored copy
 * @param size total bytes
 * @param segments the runs, in order
 */
public record StoredContent(String id, long size, List<Segment> segments) {

    public StoredContent {
        segments = List.copyOf(segments);
    }

    /** Distinct hashes of the GridFS blobs this content references. */
    public Set<String> blobHashes() {
        Set<String> hashes = new LinkedHashSet<>();
        for (Segment segment : segments) {
            if (segment instanceof Segment.Blob blob) {
                hashes.add(blob.sha256());
            }
        }
        return hashes;
    }

    public Document toDocument() {
        List<Document> runs = new ArrayList<>();
        segments.forEach(segment -> runs.add(segment.toDocument()));
        return new Document("id", id).append("size", size).append("segments", runs);
    }

    public static StoredContent fromDocument(Document document) {
        List<Segment> segments = new ArrayList<>();
        for (Document run : document.getList("segments", Document.class)) {
            segments.add(Segment.fromDocument(run));
        }
        return new StoredContent(document.getString("id"), document.get("size", Number.class).longValue(), segments);
    }
}
