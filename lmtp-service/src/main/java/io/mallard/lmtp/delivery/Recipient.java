package io.mallard.lmtp.delivery;

import io.mallard.model.address.Resolution;

/**
 * A recipient accepted in RCPT TO.
 *
 * @param address the forward-path as the client gave it, for Delivered-To and replies
 * @param resolution what it resolved to: a user or a forward
 */
public record Recipient(String address, Resolution resolution) {
}
