package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/** RFC 3501 §6.3.5 RENAME, children included. */
final class RenameHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("RENAME");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Rename rename = (ImapRequest.Rename) request;
        return connection.services().storage().mailboxes().rename(connection.user(), rename.from(), rename.to())
                .then(connection.ok(rename.tag(), null, "RENAME completed"));
    }
}
