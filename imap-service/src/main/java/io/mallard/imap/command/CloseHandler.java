package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/**
 * RFC 3501 §6.4.2 CLOSE (expunges silently unless read-only) and RFC 3691 UNSELECT (does not);
 * both return to the authenticated state.
 */
final class CloseHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("CLOSE", "UNSELECT");
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public String capability() {
        return "UNSELECT";
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        SelectedMailbox selected = connection.selected();
        connection.select(null);
        Mono<Void> expunge = request.name().equals("CLOSE") && !selected.readOnly()
                ? connection.services().storage().messages().expunge(selected.id()).then() : Mono.empty();
        return expunge.then(connection.ok(request.tag(), null, request.name() + " completed"));
    }
}
