package io.mallard.imap.command;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/**
 * RFC 2177 IDLE: changes are pushed as they arrive from the user's feed until the client sends
 * DONE. The connection counts as idle meanwhile, so the listener's 30-minute idle timeout
 * (RFC 2177 §3 asks clients to re-issue IDLE within 29 minutes) ends abandoned ones.
 */
final class IdleHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("IDLE");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public String capability() {
        return "IDLE";
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        return Mono.fromRunnable(() -> {
            connection.send(new Response.Continuation("idling"));
            connection.startIdle();
            connection.readLines(line -> connection.stopIdle().then(Mono.defer(() -> {
                if (!line.trim().toUpperCase(Locale.ROOT).equals("DONE")) {
                    return connection.bad(request.tag(), "Expected DONE");
                }
                return connection.ok(request.tag(), null, "IDLE terminated");
            })).thenReturn(true));
        });
    }
}
