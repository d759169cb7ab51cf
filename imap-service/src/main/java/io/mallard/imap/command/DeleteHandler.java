package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.mailbox.MailboxException;
import reactor.core.publisher.Mono;

/** RFC 3501 §6.3.4 DELETE, messages included; INBOX cannot be deleted. */
final class DeleteHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("DELETE");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.OnMailbox delete = (ImapRequest.OnMailbox) request;
        if (Mailbox.normalize(delete.mailbox()).equals(Mailbox.INBOX)) {
            return connection.no(delete.tag(), "CANNOT", "INBOX cannot be deleted");
        }
        return connection.services().storage().messages().deleteMailbox(connection.user(), delete.mailbox())
                .switchIfEmpty(Mono.error(() -> new MailboxException(MailboxException.Code.NONEXISTENT,
                        "No such mailbox")))
                .then(connection.ok(delete.tag(), null, "DELETE completed"));
    }
}
