package io.mallard.pop3.command;

import java.util.Set;

import io.mallard.pop3.auth.Login;
import io.mallard.pop3.codec.Pop3Request;
import reactor.core.publisher.Mono;

/** RFC 1939 §7 PASS: completes USER; a failed PASS needs a new USER, as RFC 1939 allows. */
final class PassHandler implements CommandHandler {

    private final Login login;

    PassHandler(Login login) {
        this.login = login;
    }

    @Override
    public Set<Pop3State> states() {
        return Answers.AUTHORIZATION;
    }

    @Override
    public Mono<Void> handle(Pop3Request request, Pop3Conversation conversation) {
        String user = conversation.pendingUser();
        conversation.pendingUser(null);
        if (!conversation.loginAllowed()) {
            return Answers.reply(conversation, Answers.TLS_REQUIRED);
        }
        if (user == null) {
            return Answers.reply(conversation, "-ERR Send USER first");
        }
        return login.login(conversation, user, request.argument(0));
    }
}
