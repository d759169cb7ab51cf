package io.mallard.protocol.codec;

/** The literal or block is complete; line mode resumes. */
public record ContentEnd() implements Frame {
}
