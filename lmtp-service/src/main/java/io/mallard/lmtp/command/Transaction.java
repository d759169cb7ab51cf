package io.mallard.lmtp.command;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import io.mallard.lmtp.delivery.Recipient;

/**
 * One mail transaction: the sender, the accepted recipients and the content received so far,
 * held in memory up to the size limit and dropped as a whole on RSET, error or delivery.
 */
public final class Transaction {

    /** How the content arrives; RFC 3030 §2 forbids mixing DATA and BDAT in one transaction. */
    enum Transfer { NONE, DATA, BDAT }

    private final String sender;
    private final boolean smtpUtf8;
    private final long maxSize;
    private final List<Recipient> recipients = new ArrayList<>();
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();
    private Transfer transfer = Transfer.NONE;
    private boolean tooBig;

    Transaction(String sender, boolean smtpUtf8, long maxSize) {
        this.sender = sender;
        this.smtpUtf8 = smtpUtf8;
        this.maxSize = maxSize;
    }

    String sender() {
        return sender;
    }

    boolean smtpUtf8() {
        return smtpUtf8;
    }

    List<Recipient> recipients() {
        return recipients;
    }

    Transfer transfer() {
        return transfer;
    }

    void transfer(Transfer kind) {
        transfer = kind;
    }

    /** Appends content; past the limit everything is dropped and only the fact is kept. */
    void append(byte[] chunk) {
        if (tooBig) {
            return;
        }
        if (content.size() + (long) chunk.length > maxSize) {
            tooBig();
            return;
        }
        content.writeBytes(chunk);
    }

    void tooBig() {
        tooBig = true;
        content.reset();
    }

    boolean isTooBig() {
        return tooBig;
    }

    byte[] content() {
        return content.toByteArray();
    }
}
