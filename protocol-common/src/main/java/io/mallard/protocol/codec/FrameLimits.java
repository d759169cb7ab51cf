package io.mallard.protocol.codec;

/**
 * Bounds that keep a connection's memory small whatever the client sends.
 *
 * @param maxLineLength  longest accepted line, terminator excluded
 * @param maxLiteralSize largest accepted literal (or counted block); a bigger announcement is refused
 * @param maxChunkSize   largest {@link ContentChunk} emitted
 */
public record FrameLimits(int maxLineLength, long maxLiteralSize, int maxChunkSize) {

    public FrameLimits {
        if (maxLineLength < 1 || maxLiteralSize < 0 || maxChunkSize < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** 8 KiB lines (RFC 7162 §4 asks clients to keep lines under 8192 octets), 64 MiB literals. */
    public static FrameLimits defaults() {
        return new FrameLimits(8192, 64L * 1024 * 1024, 64 * 1024);
    }
}
