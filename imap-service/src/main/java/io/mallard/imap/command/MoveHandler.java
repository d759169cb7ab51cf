package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.session.Expunges;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/**
 * RFC 6851 MOVE and UID MOVE: {@code * OK [COPYUID ...]}, then an EXPUNGE per moved message (the
 * session map shrinks as each is sent, so the numbers stay right), or one VANISHED under QRESYNC
 * (§4.4), then the tagged OK (§4.3).
 */
final class MoveHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("MOVE", "UID MOVE");
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public String capability() {
        return "MOVE";
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Transfer move = (ImapRequest.Transfer) request;
        SelectedMailbox selected = connection.selected();
        if (selected.readOnly()) {
            return connection.no(move.tag(), "READ-ONLY", "Mailbox is read-only");
        }
        return TransferTarget.transfer(move, connection, (uids, target) -> connection.services().storage().messages()
                        .move(selected.id(), uids, target))
                .flatMap(code -> {
                    Expunges expunges = new Expunges(connection, selected);
                    if (!code.isEmpty()) {
                        connection.send(new Response.Condition(Response.Status.OK, code, "Moved"));
                        for (String uid : code.split(" ")[2].split(",")) {
                            expunges.expunged(Long.parseLong(uid));
                        }
                    }
                    return expunges.finish().then(connection.ok(move.tag(), null, move.name() + " completed"));
                });
    }
}
