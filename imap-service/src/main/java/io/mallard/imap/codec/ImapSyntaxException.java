package io.mallard.imap.codec;

/** The command does not follow the grammar of RFC 9051 §9; the session answers a tagged BAD. */
public final class ImapSyntaxException extends RuntimeException {

    public ImapSyntaxException(String message) {
        super(message, null, false, false);
    }
}
