package io.mallard.lmtp.command;

import io.mallard.lmtp.codec.LmtpCommand;

/**
 * RFC 3030 §2 BDAT: the chunk's octets follow the command line at once, so they are always
 * consumed, even for a BDAT refused for being out of order: reading them as commands would let
 * message content inject commands. The refusal is sent after the chunk.
 */
final class BdatHandler implements CommandHandler<LmtpCommand.Bdat> {

    private final ContentDelivery delivery;

    BdatHandler(ContentDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void handle(LmtpCommand.Bdat command, Conversation conversation) {
        Runnable atEnd = ending(command, conversation);
        if (command.size() > 0) {
            conversation.context().decoder().expectBytes(command.size());
            conversation.expectContent(atEnd);
        } else {
            atEnd.run();
        }
    }

    private Runnable ending(LmtpCommand.Bdat command, Conversation conversation) {
        Transaction transaction = conversation.transaction();
        String refusal = refusal(transaction);
        if (refusal != null) {
            // The whole message failed (RFC 3030 §2); the chunk goes nowhere, as content without
            // a transaction is dropped.
            conversation.reset();
            return () -> conversation.reply(503, "5.5.1", refusal);
        }
        transaction.transfer(Transaction.Transfer.BDAT);
        return () -> {
            if (command.last()) {
                delivery.finish(conversation);
            } else if (transaction.isTooBig()) {
                conversation.reply(552, "5.3.4", "Message too big, ignoring further chunks");
            } else {
                conversation.reply(250, "2.0.0", command.size() + " octets received");
            }
        };
    }

    private static String refusal(Transaction transaction) {
        if (transaction == null) {
            return "BDAT without MAIL FROM";
        }
        if (transaction.recipients().isEmpty()) {
            return "No valid recipients";
        }
        if (transaction.transfer() == Transaction.Transfer.DATA) {
            return "BDAT cannot follow DATA";
        }
        return null;
    }
}
