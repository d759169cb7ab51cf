package io.mallard.model.mailbox;

/** A refused mailbox operation; the code maps onto an RFC 5530 IMAP response code. */
public final class MailboxException extends RuntimeException {

    public enum Code {
        /** RFC 5530 NONEXISTENT. */
        NONEXISTENT,
        /** RFC 5530 ALREADYEXISTS. */
        ALREADYEXISTS,
        /** RFC 5530 CANNOT: e.g. deleting or renaming INBOX. */
        CANNOT
    }

    private final Code code;

    public MailboxException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
