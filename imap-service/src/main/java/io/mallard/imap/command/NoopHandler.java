package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/** RFC 9051 §6.1.2 NOOP and §6.4.1 CHECK: both are the moment to report pending changes. */
final class NoopHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("NOOP", "CHECK");
    }

    @Override
    public Set<SessionState> states() {
        return ANY;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        return connection.reportChanges().then(connection.ok(request.tag(), null, request.name() + " completed"));
    }
}
