package io.mallard.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/**
 * RFC 5161 ENABLE, for RFC 6855 UTF8=ACCEPT: from then on mailbox names are UTF-8 both ways and
 * APPEND takes {@code UTF8 (literal8)}. A capability the server does not know is left out of the
 * ENABLED response, as §3.1 asks.
 */
final class EnableHandler implements CommandHandler {

    private static final Set<String> ENABLEABLE = Set.of("UTF8=ACCEPT");

    @Override
    public List<String> names() {
        return List.of("ENABLE");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public List<String> capabilities() {
        return List.of("ENABLE", "UTF8=ACCEPT");
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        List<Value> values = new ArrayList<>(List.of(Value.atom("ENABLED")));
        for (String capability : ((ImapRequest.Enable) request).capabilities()) {
            if (ENABLEABLE.contains(capability) && connection.enabled().add(capability)) {
                values.add(Value.atom(capability));
            }
        }
        connection.send(new Response.Data(values));
        return connection.ok(request.tag(), null, "ENABLE completed");
    }
}
