package io.mallard.protocol.codec;

/**
 * What {@link FrameDecoder} hands to the session: immutable values, never a {@code ByteBuf},
 * so a session cannot leak pooled memory and a frame can be queued or logged safely.
 *
 * <p>Order on the wire maps to order of frames: a {@link Line} announcing a literal is followed
 * by {@link LiteralStart}, zero or more {@link ContentChunk}s and {@link ContentEnd}; then line
 * mode continues the same command (RFC 9051 §4.3). Raw blocks asked for by the session
 * ({@link FrameDecoder#expectBytes}, {@link FrameDecoder#expectDotBlock}) yield chunks and an end
 * without a start. Error frames ({@link LineTooLong}, {@link LiteralTooBig}, {@link DataTooBig})
 * let the protocol answer with a clean error instead of the connection dying.
 */
public sealed interface Frame
        permits Line, LiteralStart, ContentChunk, ContentEnd, LineTooLong, LiteralTooBig, DataTooBig {
}
