package io.mallard.pop3.command;

import java.util.EnumSet;
import java.util.Set;

import reactor.core.publisher.Mono;

/** Answers and state sets the handlers share. */
final class Answers {

    static final Set<Pop3State> AUTHORIZATION = EnumSet.of(Pop3State.AUTHORIZATION);
    static final Set<Pop3State> TRANSACTION = EnumSet.of(Pop3State.TRANSACTION);
    static final Set<Pop3State> ANY = EnumSet.of(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION);

    static final String NO_SUCH_MESSAGE = "-ERR No such message";
    static final String TLS_REQUIRED =
            "-ERR [AUTH] Plaintext authentication disallowed on non-secure connections, use STLS first";

    private Answers() {
    }

    /** Writes one line and completes; for handlers that finish on the spot. */
    static Mono<Void> reply(Pop3Conversation conversation, String line) {
        conversation.reply(line);
        return Mono.empty();
    }
}
