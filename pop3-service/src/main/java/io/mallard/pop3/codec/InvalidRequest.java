package io.mallard.pop3.codec;

/** A line that is not a command Mallard can run; {@code reason} is the text after {@code -ERR}. */
public record InvalidRequest(String reason) implements ParsedLine {
}
