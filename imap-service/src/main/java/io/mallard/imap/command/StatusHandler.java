package io.mallard.imap.command;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/** RFC 3501 §6.3.10 STATUS; the items are {@link StatusItems}. */
final class StatusHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("STATUS");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Status status = (ImapRequest.Status) request;
        List<String> items = status.items().stream().map(item -> item.toUpperCase(Locale.ROOT)).toList();
        StatusItems.check(items);
        return connection.services().storage().mailboxes().require(connection.user(), status.mailbox())
                .flatMap(mailbox -> connection.services().storage().listing().counts(mailbox.id())
                        .flatMap(counts -> {
                            connection.send(StatusItems.response(mailbox, items, counts));
                            return connection.ok(status.tag(), null, "STATUS completed");
                        }));
    }
}
