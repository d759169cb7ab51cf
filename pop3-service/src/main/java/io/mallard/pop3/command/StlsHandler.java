package io.mallard.pop3.command;

import java.util.Set;

import io.mallard.pop3.codec.Pop3Request;
import reactor.core.publisher.Mono;

/**
 * RFC 2595 §4 STLS. Everything the client pipelined after STLS in the clear is dropped by the
 * upgrade (CVE-2011-0411), and the USER given before TLS is forgotten (RFC 2595 §3.1: the client
 * starts over).
 */
final class StlsHandler implements CommandHandler {

    @Override
    public Set<Pop3State> states() {
        return Answers.AUTHORIZATION;
    }

    @Override
    public Mono<Void> handle(Pop3Request request, Pop3Conversation conversation) {
        if (conversation.context().tlsActive()) {
            return Answers.reply(conversation, "-ERR TLS already active");
        }
        if (!conversation.context().startTlsAvailable()) {
            return Answers.reply(conversation, "-ERR STLS not available");
        }
        conversation.pendingUser(null);
        conversation.context().startTls().complete(conversation.context().encode("+OK Begin TLS negotiation"));
        return Mono.empty();
    }
}
