package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.imap.session.SessionState;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailboxCounts;
import io.mallard.model.message.Message;
import reactor.core.publisher.Mono;

/**
 * RFC 3501 §6.3.1 SELECT and §6.3.2 EXAMINE. The session's UID map is read once here, up to the
 * visibility watermark; later arrivals come through the change feed. RECENT is always 0.
 */
final class SelectHandler implements CommandHandler {

    static final List<String> SYSTEM_FLAGS = List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft");

    @Override
    public List<String> names() {
        return List.of("SELECT", "EXAMINE");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.OnMailbox select = (ImapRequest.OnMailbox) request;
        boolean readOnly = select.name().equals("EXAMINE");
        // RFC 3501 §6.3.1: a failed SELECT leaves no mailbox selected.
        connection.select(null);
        return connection.services().storage().mailboxes().require(connection.user(), select.mailbox())
                .flatMap(mailbox -> connection.services().storage().listing().counts(mailbox.id())
                        .flatMap(counts -> connection.services().storage().listing()
                                .range(mailbox.id(), 1, counts.uidNext() - 1).map(Message::uid).collectList()
                                .flatMap(uids -> opened(connection, select, mailbox, readOnly, uids, counts))));
    }

    private Mono<Void> opened(ImapConnection connection, ImapRequest.OnMailbox select, Mailbox mailbox,
            boolean readOnly, List<Long> uids, MailboxCounts counts) {
        SelectedMailbox selected = new SelectedMailbox(mailbox.id(), readOnly, uids);
        connection.select(selected);
        // Up to the watermark: a UID the client is told is next must not turn out to be behind it.
        long uidNext = Math.max(counts.uidNext(), selected.lastUid() + 1);
        connection.send(Response.Data.of(Value.atom("FLAGS"), Value.atoms(SYSTEM_FLAGS)));
        connection.send(new Response.Condition(Response.Status.OK, "PERMANENTFLAGS " + (readOnly ? "()"
                : "(\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)"), "Flags permitted"));
        connection.send(Response.Data.of(Value.atom(selected.exists()), Value.atom("EXISTS")));
        connection.send(Response.Data.of(Value.atom(0), Value.atom("RECENT")));
        connection.send(new Response.Condition(Response.Status.OK, "UIDVALIDITY " + mailbox.uidValidity(), "UIDs valid"));
        connection.send(new Response.Condition(Response.Status.OK, "UIDNEXT " + uidNext, "Predicted next UID"));
        connection.send(new Response.Condition(Response.Status.OK, "HIGHESTMODSEQ " + counts.highestModseq(), "Highest"));
        return connection.ok(select.tag(), readOnly ? "READ-ONLY" : "READ-WRITE", select.name() + " completed");
    }
}
