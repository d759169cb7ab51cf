package io.mallard.pop3.command;

import java.util.Set;

import io.mallard.pop3.codec.Pop3Request;
import io.mallard.pop3.maildrop.Maildrop;
import reactor.core.publisher.Mono;

/** RFC 1939 §5 STAT: count and octets of the messages not marked deleted. */
final class StatHandler implements CommandHandler {

    @Override
    public Set<Pop3State> states() {
        return Answers.TRANSACTION;
    }

    @Override
    public Mono<Void> handle(Pop3Request request, Pop3Conversation conversation) {
        Maildrop maildrop = conversation.maildrop();
        return Answers.reply(conversation, "+OK " + maildrop.count() + " " + maildrop.octets());
    }
}
