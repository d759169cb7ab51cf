package io.mallard.model.ingest;

/**
 * A part shown to users as an attachment.
 *
 * @param partId the IMAP section of the part
 * @param filename from Content-Disposition filename or Content-Type name, decoded; {@code null} if neither
 * @param contentType lower-case {@code type/subtype}
 * @param disposition lower-case disposition type, or {@code null}
 * @param contentId the Content-ID, or {@code null}
 * @param transferEncoding lower-case Content-Transfer-Encoding, or {@code null}
 * @param encodedSize body bytes as stored in the raw message
 * @param decodedSize estimated size after transfer decoding
 */
public record AttachmentInfo(String partId, String filename, String contentType, String disposition,
        String contentId, String transferEncoding, long encodedSize, long decodedSize) {
}
