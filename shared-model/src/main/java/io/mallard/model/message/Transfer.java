package io.mallard.model.message;

/** A copied or moved message: its UID in the source and its new state in the target (RFC 4315 COPYUID). */
public record Transfer(long sourceUid, Message target) {
}
