package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/** RFC 3501 §6.4.7 COPY and UID COPY, with RFC 4315 {@code [COPYUID]}. */
final class CopyHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("COPY", "UID COPY");
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Transfer copy = (ImapRequest.Transfer) request;
        return TransferTarget.transfer(copy, connection, (uids, target) -> connection.services().storage().messages()
                        .copy(connection.selected().id(), uids, target))
                .flatMap(code -> connection.ok(copy.tag(), code.isEmpty() ? null : code, copy.name() + " completed"));
    }
}
