package io.mallard.pop3.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mallard.pop3.codec.Pop3Request;
import reactor.core.publisher.Mono;

/**
 * RFC 2449 §5 CAPA, in both states. USER and SASL are listed only where a login would be
 * accepted (RFC 2595 §4: not before TLS unless configured), STLS only before TLS and login.
 */
final class CapaHandler implements CommandHandler {

    private final List<String> mechanisms;

    CapaHandler(List<String> mechanisms) {
        this.mechanisms = mechanisms;
    }

    @Override
    public Set<Pop3State> states() {
        return Answers.ANY;
    }

    @Override
    public Mono<Void> handle(Pop3Request request, Pop3Conversation conversation) {
        List<String> capabilities = new ArrayList<>(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE",
                "PIPELINING", "EXPIRE NEVER"));
        boolean authorization = conversation.state() == Pop3State.AUTHORIZATION;
        if (authorization && conversation.loginAllowed()) {
            capabilities.add("USER");
            capabilities.add("SASL " + String.join(" ", mechanisms));
        }
        if (authorization && conversation.context().startTlsAvailable()) {
            capabilities.add("STLS");
        }
        capabilities.add("IMPLEMENTATION Mallard");
        conversation.replyLines("+OK Capability list follows", capabilities);
        return Mono.empty();
    }
}
