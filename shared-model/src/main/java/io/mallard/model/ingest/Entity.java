package io.mallard.model.ingest;

import java.util.List;

import org.apache.james.mime4j.stream.NameValuePair;

/**
 * One MIME entity as located in the raw bytes: its header block (as mime4j parsed it), its
 * Content-Type, and the offsets that let IMAP serve BODY[section] straight from the raw message.
 *
 * @param header the parsed header fields
 * @param headerStart offset of the first header byte
 * @param bodyStart offset of the first body byte (after the blank line)
 * @param end offset one past the last body byte; the line break before a boundary delimiter
 *     belongs to the delimiter (RFC 2046 §5.1.1), not to the body
 * @param type lower-case media type, {@code text} when absent (RFC 2045 §5.2)
 * @param subtype lower-case media subtype
 * @param params Content-Type parameters in header order, values unquoted
 * @param children parts of a multipart, empty otherwise
 * @param message the embedded message of a message/rfc822 entity, or {@code null}
 */
record Entity(HeaderBlock header, int headerStart, int bodyStart, int end, String type, String subtype,
        List<NameValuePair> params, List<Entity> children, Entity message) {

    boolean isMultipart() {
        return !children.isEmpty();
    }

    boolean isMessage() {
        return message != null;
    }

    int bodySize() {
        return end - bodyStart;
    }

    String param(String name) {
        for (NameValuePair pair : params) {
            if (pair.getName().equalsIgnoreCase(name)) {
                return pair.getValue();
            }
        }
        return null;
    }

    String transferEncoding() {
        String value = header.value("Content-Transfer-Encoding");
        return value == null ? null : value.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
