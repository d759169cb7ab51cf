package io.mallard.lmtp.command;

import java.util.ArrayList;
import java.util.List;

import io.mallard.lmtp.codec.LmtpCommand;
import io.mallard.lmtp.codec.LmtpReply;

/**
 * RFC 2033 §4.1 LHLO: the extensions on offer. No enhanced code in this reply (RFC 2034 §3);
 * STARTTLS only while the connection is in the clear and certificates exist.
 */
final class LhloHandler implements CommandHandler<LmtpCommand.Lhlo> {

    @Override
    public void handle(LmtpCommand.Lhlo command, Conversation conversation) {
        conversation.greeted(command.domain());
        List<String> lines = new ArrayList<>(List.of(conversation.settings().hostName(), "PIPELINING",
                "ENHANCEDSTATUSCODES", "8BITMIME", "SMTPUTF8", "CHUNKING",
                "SIZE " + conversation.settings().maxMessageSize()));
        if (conversation.context().startTlsAvailable()) {
            lines.add("STARTTLS");
        }
        conversation.reply(new LmtpReply(250, null, lines));
    }
}
