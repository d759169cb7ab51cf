package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/**
 * RFC 9051 §6.2.1 STARTTLS. The upgrade drops anything the client pipelined in the clear
 * (RFC 9051 §11.1, the STARTTLS command injection attack), which protocol-common enforces.
 */
final class StartTlsHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("STARTTLS");
    }

    @Override
    public Set<SessionState> states() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        if (!connection.context().startTlsAvailable()) {
            return connection.bad(request.tag(), "TLS not available");
        }
        return Mono.fromRunnable(() -> connection.context().startTls()
                .complete(connection.context().encode(request.tag() + " OK Begin TLS negotiation now")));
    }
}
