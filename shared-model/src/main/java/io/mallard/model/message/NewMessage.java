package io.mallard.model.message;

import java.time.Instant;
import java.util.List;

import org.bson.Document;

/**
 * A message ready to be stored: already parsed and its content already placed by the ingest
 * step, which hands over only what the mailbox layer indexes plus an opaque content document
 * (envelope, body structure, storage references) that is embedded as is.
 *
 * @param size the RFC 822 size in bytes, charged against the quota
 * @param internalDate RFC 3501 2.3.3 INTERNALDATE
 * @param flags initial flags, e.g. from APPEND or a filter
 * @param messageId the Message-ID header, or {@code null}
 * @param inReplyTo the In-Reply-To header, or {@code null}
 * @param references the message ids of the References header
 * @param subject the decoded Subject header, or {@code null}
 * @param content what the ingest step stored, embedded under {@code content}
 */
public record NewMessage(long size, Instant internalDate, List<String> flags, String messageId, String inReplyTo,
        List<String> references, String subject, Document content) {

    public NewMessage {
        if (size < 0) {
            throw new IllegalArgumentException("Negative size: " + size);
        }
        flags = flags == null ? List.of() : List.copyOf(flags);
        references = references == null ? List.of() : List.copyOf(references);
        content = content == null ? new Document() : content;
    }
}
