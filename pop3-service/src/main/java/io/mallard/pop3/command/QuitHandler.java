package io.mallard.pop3.command;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mallard.pop3.codec.Pop3Request;
import io.mallard.pop3.maildrop.MaildropUpdate;
import reactor.core.publisher.Mono;

/**
 * RFC 1939 §6 QUIT. From TRANSACTION it enters UPDATE, the only place where the store changes:
 * seen flags and deletions are committed, the lock is given back, then the connection closes. A
 * failed commit is reported with {@code -ERR [SYS/TEMP]}, as §6 asks; what did commit stays.
 */
final class QuitHandler implements CommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QuitHandler.class);

    private final MaildropUpdate update;
    private final String hostName;

    QuitHandler(MaildropUpdate update, String hostName) {
        this.update = update;
        this.hostName = hostName;
    }

    @Override
    public Set<Pop3State> states() {
        return Answers.ANY;
    }

    @Override
    public Mono<Void> handle(Pop3Request request, Pop3Conversation conversation) {
        if (conversation.state() == Pop3State.AUTHORIZATION) {
            conversation.context().close("+OK " + hostName + " signing off");
            return Mono.empty();
        }
        conversation.enterUpdate();
        // The lock goes before the answer, so a client that reconnects at once finds the maildrop free.
        return update.commit(conversation.maildrop())
                .thenReturn("+OK " + hostName + " signing off")
                .onErrorResume(failure -> {
                    LOG.warn("POP3 session {}: update failed", conversation.sessionId(), failure);
                    return Mono.just("-ERR [SYS/TEMP] Some messages could not be updated, try again");
                })
                .flatMap(line -> conversation.unlock().onErrorResume(failure -> Mono.empty()).thenReturn(line))
                .doOnNext(line -> conversation.context().close(line))
                .then();
    }
}
