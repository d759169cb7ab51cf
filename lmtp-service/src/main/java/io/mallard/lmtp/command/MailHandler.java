package io.mallard.lmtp.command;

import io.mallard.lmtp.codec.LmtpCommand;

/** RFC 5321 §4.1.1.2 MAIL FROM with RFC 1870 SIZE, RFC 6152 BODY and RFC 6531 SMTPUTF8. */
final class MailHandler implements CommandHandler<LmtpCommand.MailFrom> {

    @Override
    public void handle(LmtpCommand.MailFrom command, Conversation conversation) {
        long limit = conversation.settings().maxMessageSize();
        if (command.size() > limit) {
            // RFC 1870 §6: a declared size over the limit is refused before any content is sent.
            conversation.reply(552, "5.3.4", "Message size exceeds fixed maximum message size of " + limit);
            return;
        }
        if (!command.smtpUtf8() && !Ascii.is(command.reversePath())) {
            conversation.reply(553, "5.6.7", "Non-ASCII sender address requires SMTPUTF8");
            return;
        }
        conversation.begin(new Transaction(command.reversePath(), command.smtpUtf8(), limit));
        conversation.reply(250, "2.1.0", "Sender <" + command.reversePath() + "> OK");
    }
}
