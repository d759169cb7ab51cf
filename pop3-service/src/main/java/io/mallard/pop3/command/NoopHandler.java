package io.mallard.pop3.command;

import java.util.Set;

import io.mallard.pop3.codec.Pop3Request;
import reactor.core.publisher.Mono;

/** RFC 1939 §5 NOOP. */
final class NoopHandler implements CommandHandler {

    @Override
    public Set<Pop3State> states() {
        return Answers.TRANSACTION;
    }

    @Override
    public Mono<Void> handle(Pop3Request request, Pop3Conversation conversation) {
        return Answers.reply(conversation, "+OK");
    }
}
