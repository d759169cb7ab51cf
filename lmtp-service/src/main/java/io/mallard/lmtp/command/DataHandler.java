package io.mallard.lmtp.command;

import io.mallard.lmtp.codec.LmtpCommand;

/**
 * RFC 5321 §4.1.1.4 DATA: the decoder reads the dot-stuffed block (unstuffing, CRLF.CRLF), the
 * content is delivered at its end. Without an accepted recipient there is nothing to send to
 * (RFC 2033 §4.2: 503).
 */
final class DataHandler implements CommandHandler<LmtpCommand.Data> {

    private final ContentDelivery delivery;

    DataHandler(ContentDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void handle(LmtpCommand.Data command, Conversation conversation) {
        Transaction transaction = conversation.transaction();
        if (transaction.recipients().isEmpty()) {
            conversation.reply(503, "5.5.1", "No valid recipients");
            return;
        }
        if (transaction.transfer() != Transaction.Transfer.NONE) {
            conversation.reply(503, "5.5.1", "DATA cannot follow BDAT");
            return;
        }
        transaction.transfer(Transaction.Transfer.DATA);
        // One octet of slack so that a message of exactly the limit is not cut at its last line.
        conversation.context().decoder().expectDotBlock(conversation.settings().maxMessageSize() + 1);
        conversation.expectContent(() -> delivery.finish(conversation));
        conversation.reply(354, null, "Start mail input; end with <CRLF>.<CRLF>");
    }
}
