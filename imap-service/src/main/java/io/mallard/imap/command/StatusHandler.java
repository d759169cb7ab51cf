package io.mallard.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.ImapSyntaxException;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import io.mallard.model.message.MailboxCounts;
import reactor.core.publisher.Mono;

/** RFC 3501 §6.3.10 STATUS; RECENT is always 0 (Gmail-like: no session owns a message). */
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
        if (status.items().stream().anyMatch(item -> item.equalsIgnoreCase("HIGHESTMODSEQ"))) {
            // RFC 7162 §3.1: STATUS (HIGHESTMODSEQ) is a CONDSTORE enabling command.
            connection.enableCondstore();
        }
        return connection.services().storage().mailboxes().require(connection.user(), status.mailbox())
                .flatMap(mailbox -> connection.services().storage().listing().counts(mailbox.id())
                        .flatMap(counts -> {
                            connection.send(Response.Data.of(Value.atom("STATUS"), Value.mailbox(mailbox.path()),
                                    Value.list(items(status.items(), counts))));
                            return connection.ok(status.tag(), null, "STATUS completed");
                        }));
    }

    private static List<Value> items(List<String> names, MailboxCounts counts) {
        List<Value> items = new ArrayList<>();
        for (String name : names) {
            String upper = name.toUpperCase(java.util.Locale.ROOT);
            long value = switch (upper) {
                case "MESSAGES" -> counts.exists();
                case "RECENT" -> 0;
                case "UIDNEXT" -> counts.uidNext();
                case "UIDVALIDITY" -> counts.uidValidity();
                case "UNSEEN" -> counts.unseen();
                case "HIGHESTMODSEQ" -> counts.highestModseq();
                default -> throw new ImapSyntaxException("Unknown STATUS item " + name);
            };
            items.add(Value.atom(upper));
            items.add(Value.atom(value));
        }
        return items;
    }
}
