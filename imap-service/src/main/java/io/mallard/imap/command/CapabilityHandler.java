package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/** RFC 9051 §6.1.1 CAPABILITY. */
final class CapabilityHandler implements CommandHandler {

    private final Capabilities capabilities;

    CapabilityHandler(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public List<String> names() {
        return List.of("CAPABILITY");
    }

    @Override
    public Set<SessionState> states() {
        return ANY;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        connection.send(capabilities.response(connection));
        return connection.ok(request.tag(), null, "CAPABILITY completed");
    }
}
