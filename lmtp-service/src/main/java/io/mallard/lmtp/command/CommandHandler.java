package io.mallard.lmtp.command;

import io.mallard.lmtp.codec.LmtpCommand;

/** What one LMTP command does, once the dispatcher has checked that it is allowed now. */
@FunctionalInterface
public interface CommandHandler<C extends LmtpCommand> {

    void handle(C command, Conversation conversation);
}
