package io.mallard.pop3.command;

import java.util.Set;

import io.mallard.pop3.codec.Pop3Request;
import reactor.core.publisher.Mono;

/** RFC 1939 §5 DELE: only marks; the store changes at QUIT, and RSET unmarks. */
final class DeleHandler implements CommandHandler {

    @Override
    public Set<Pop3State> states() {
        return Answers.TRANSACTION;
    }

    @Override
    public Mono<Void> handle(Pop3Request request, Pop3Conversation conversation) {
        int number = request.number(0);
        if (conversation.maildrop().get(number).isEmpty()) {
            return Answers.reply(conversation, Answers.NO_SUCH_MESSAGE);
        }
        conversation.maildrop().delete(number);
        return Answers.reply(conversation, "+OK Message " + number + " deleted");
    }
}
