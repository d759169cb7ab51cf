package io.mallard.protocol.codec;

/**
 * A dot-terminated block grew past {@code limit} octets. No more chunks follow; the decoder reads
 * on to the terminator and then emits {@link ContentEnd}, so the session can answer
 * {@code 552} (RFC 5321 §4.5.3.1.10) at the right moment.
 */
public record DataTooBig(long limit) implements Frame {
}
