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
 * RFC 5161 ENABLE: RFC 9051 IMAP4rev2 (the session follows rev2 from then on, see
 * {@link ImapConnection#rev2}), RFC 6855 UTF8=ACCEPT (from then on mailbox names are UTF-8 both ways and
 * APPEND takes {@code UTF8 (literal8)}), RFC 7162 CONDSTORE and QRESYNC (§3.1, §3.2.3). The ENABLED
 * response lists what this command enabled; a capability the server does not know, or one already
 * enabled, is left out, as §3.1 allows.
 */
final class EnableHandler implements CommandHandler {

    private static final List<String> ENABLEABLE = List.of("IMAP4rev2", "UTF8=ACCEPT", "CONDSTORE", "QRESYNC");

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
        for (String asked : ((ImapRequest.Enable) request).capabilities()) {
            // Capability names, like every IMAP keyword, are case-insensitive (RFC 9051 §9 note 1);
            // the ENABLED response spells them as CAPABILITY does.
            ENABLEABLE.stream().filter(asked::equalsIgnoreCase).findFirst()
                    .filter(connection::enable)
                    .ifPresent(capability -> values.add(Value.atom(capability)));
        }
        connection.send(new Response.Data(values));
        return connection.ok(request.tag(), null, "ENABLE completed");
    }
}
