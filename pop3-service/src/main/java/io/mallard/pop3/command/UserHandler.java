package io.mallard.pop3.command;

import java.util.Set;

import io.mallard.pop3.codec.Pop3Request;
import reactor.core.publisher.Mono;

/** RFC 1939 §7 USER: remembers the name for PASS; nothing is checked yet, so nothing leaks. */
final class UserHandler implements CommandHandler {

    @Override
    public Set<Pop3State> states() {
        return Answers.AUTHORIZATION;
    }

    @Override
    public Mono<Void> handle(Pop3Request request, Pop3Conversation conversation) {
        if (!conversation.loginAllowed()) {
            return Answers.reply(conversation, Answers.TLS_REQUIRED);
        }
        conversation.pendingUser(request.argument(0));
        return Answers.reply(conversation, "+OK Send your password");
    }
}
