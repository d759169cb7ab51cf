package io.mallard.imap.command;

import java.util.ArrayList;
import java.util.List;

import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;

/**
 * What CAPABILITY says (RFC 9051 §7.2.2), which depends on the connection: STARTTLS only before
 * TLS, LOGINDISABLED and no AUTH= mechanisms while logins are refused in the clear (§6.2.3).
 * IMAP4rev1 and IMAP4rev2 side by side: a session speaks rev1 until {@code ENABLE IMAP4rev2}
 * (RFC 9051 §6.3.1); LITERAL+ includes rev2's LITERAL- (RFC 7888 §4).
 */
final class Capabilities {

    private final CommandRegistry registry;

    Capabilities(CommandRegistry registry) {
        this.registry = registry;
    }

    List<String> of(ImapConnection connection) {
        List<String> result = new ArrayList<>(List.of("IMAP4rev1", "IMAP4rev2", "LITERAL+", "SASL-IR", "CHILDREN", "SPECIAL-USE",
                "APPENDLIMIT=" + connection.services().settings().appendLimit()));
        if (connection.state() == SessionState.NOT_AUTHENTICATED) {
            if (connection.context().startTlsAvailable()) {
                result.add("STARTTLS");
            }
            if (loginAllowed(connection)) {
                result.add("AUTH=PLAIN");
                result.add("AUTH=LOGIN");
            } else {
                result.add("LOGINDISABLED");
            }
        }
        result.addAll(registry.commandCapabilities());
        return result;
    }

    static boolean loginAllowed(ImapConnection connection) {
        return connection.context().tlsActive() || connection.services().settings().allowPlaintextLogin();
    }

    Response response(ImapConnection connection) {
        List<Value> values = new ArrayList<>();
        values.add(Value.atom("CAPABILITY"));
        of(connection).forEach(capability -> values.add(Value.atom(capability)));
        return new Response.Data(values);
    }

    /** The CAPABILITY response code for a tagged OK (RFC 9051 §7.1). */
    String code(ImapConnection connection) {
        return "CAPABILITY " + String.join(" ", of(connection));
    }
}
