package io.mallard.imap.command;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/** RFC 3501 §6.3.10 STATUS with RFC 8438 SIZE and RFC 9051 DELETED; the items are {@link StatusItems}. */
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
    public String capability() {
        return "STATUS=SIZE";
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Status status = (ImapRequest.Status) request;
        List<String> items = status.items().stream().map(item -> item.toUpperCase(Locale.ROOT)).toList();
        StatusItems.check(items, connection);
        if (items.contains("HIGHESTMODSEQ")) {
            // RFC 7162 §3.1: STATUS (HIGHESTMODSEQ) is a CONDSTORE enabling command.
            connection.enableCondstore();
        }
        return connection.services().storage().mailboxes().require(connection.user(), status.mailbox())
                .flatMap(mailbox -> StatusItems.read(connection, mailbox, items))
                .flatMap(response -> {
                    connection.send(response);
                    return connection.ok(status.tag(), null, "STATUS completed");
                });
    }
}
