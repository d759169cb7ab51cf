package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import io.mallard.model.mailbox.Mailbox;
import reactor.core.publisher.Mono;

/** RFC 3501 §6.3.3 CREATE; a trailing delimiter only declares the intent to create children (it is dropped). */
final class CreateHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("CREATE");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.OnMailbox create = (ImapRequest.OnMailbox) request;
        String path = create.mailbox().endsWith(Mailbox.DELIMITER)
                ? create.mailbox().substring(0, create.mailbox().length() - 1) : create.mailbox();
        if (path.isEmpty() || Mailbox.normalize(path).equals(Mailbox.INBOX)) {
            return connection.no(create.tag(), "ALREADYEXISTS", "Mailbox exists");
        }
        return connection.services().storage().mailboxes().create(connection.user(), path, null)
                .then(connection.ok(create.tag(), null, "CREATE completed"));
    }
}
