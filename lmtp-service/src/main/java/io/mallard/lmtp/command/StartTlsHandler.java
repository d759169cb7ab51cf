package io.mallard.lmtp.command;

import io.mallard.lmtp.codec.LmtpCommand;

/**
 * RFC 3207 STARTTLS. Plaintext pipelined behind the command is thrown away by the upgrade (§4.2
 * and the CVE-2011-0411 class of injection), and the dialogue starts over without LHLO.
 */
final class StartTlsHandler implements CommandHandler<LmtpCommand.StartTls> {

    @Override
    public void handle(LmtpCommand.StartTls command, Conversation conversation) {
        if (conversation.context().tlsActive()) {
            conversation.reply(503, "5.5.1", "TLS already active");
            return;
        }
        if (!conversation.context().startTlsAvailable()) {
            conversation.reply(454, "4.7.0", "TLS not available");
            return;
        }
        conversation.restart();
        conversation.context().startTls().complete(conversation.context().encode("220 2.0.0 Ready to start TLS"));
    }
}
