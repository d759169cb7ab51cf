package io.mallard.model.ingest;

/**
 * A mailbox from an address header, decoded for display and search.
 *
 * @param name the display name with RFC 2047 encoded-words decoded, or {@code null}
 * @param address {@code local@domain}, or the local part alone when the domain is missing
 */
public record MailAddress(String name, String address) {
}
