package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import io.mallard.model.mailbox.Mailbox;
import reactor.core.publisher.Mono;

/** RFC 2342 NAMESPACE: one personal namespace with an empty prefix; no shared or other users'. */
final class NamespaceHandler implements CommandHandler {

    private static final Value PERSONAL = Value.list(List.of(Value.list(List.of(Value.string(""),
            Value.string(Mailbox.DELIMITER)))));

    @Override
    public List<String> names() {
        return List.of("NAMESPACE");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public String capability() {
        return "NAMESPACE";
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        connection.send(Response.Data.of(Value.atom("NAMESPACE"), PERSONAL, Value.NIL, Value.NIL));
        return connection.ok(request.tag(), null, "NAMESPACE completed");
    }
}
