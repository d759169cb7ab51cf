package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/** RFC 9051 §6.1.3 LOGOUT: BYE, then the tagged OK, then the connection closes. */
final class LogoutHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("LOGOUT");
    }

    @Override
    public Set<SessionState> states() {
        return ANY;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        return Mono.fromRunnable(() -> {
            connection.logout();
            connection.send(new Response.Condition(Response.Status.BYE, null,
                    connection.services().settings().hostName() + " logging out"));
            connection.context().close(request.tag() + " OK LOGOUT completed");
        });
    }
}
