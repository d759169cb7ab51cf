package io.mallard.protocol.codec;

/**
 * A literal announced {@code size} octets, more than {@code limit}. Nothing was allocated for it.
 * See {@link FrameDecoder} for what happens to its octets: for a synchronizing literal the client
 * sends none (it got no continuation), for a non-synchronizing one the decoder discards them.
 * The session answers e.g. {@code NO [TOOBIG]} or {@code BAD [TOOBIG]} (RFC 7888 §4, §5) and may
 * close the connection instead of waiting for a large discard.
 */
public record LiteralTooBig(long size, boolean synchronizing, long limit) implements Frame {
}
