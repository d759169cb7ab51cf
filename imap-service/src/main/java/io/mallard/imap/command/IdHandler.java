package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/** RFC 2971 ID: the server names itself; what the client sends is not kept. */
final class IdHandler implements CommandHandler {

    private static final Value SERVER = Value.list(List.of(Value.string("name"), Value.string("Mallard"),
            Value.string("vendor"), Value.string("Mallard")));

    @Override
    public List<String> names() {
        return List.of("ID");
    }

    @Override
    public Set<SessionState> states() {
        return ANY;
    }

    @Override
    public String capability() {
        return "ID";
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        connection.send(Response.Data.of(Value.atom("ID"), SERVER));
        return connection.ok(request.tag(), null, "ID completed");
    }
}
