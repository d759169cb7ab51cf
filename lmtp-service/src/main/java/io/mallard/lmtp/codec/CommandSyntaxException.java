package io.mallard.lmtp.codec;

/** A known verb with malformed arguments: the session answers 501 5.5.4 (RFC 3463 §3.6). */
public final class CommandSyntaxException extends RuntimeException {

    public CommandSyntaxException(String message) {
        super(message, null, false, false);
    }
}
