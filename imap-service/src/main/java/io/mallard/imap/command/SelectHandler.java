package io.mallard.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.SequenceSet;
import io.mallard.imap.codec.Value;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.Resync;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.imap.session.SessionState;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MessageListing;
import reactor.core.publisher.Mono;

/**
 * RFC 3501 §6.3.1 SELECT and §6.3.2 EXAMINE, with RFC 7162 CONDSTORE (§3.1.8) and QRESYNC
 * (§3.2.5) parameters. HIGHESTMODSEQ is read before the session's UID map, so every change up to it
 * is already in the map; later arrivals come through the change feed. RECENT is always 0; an
 * IMAP4rev2 session gets no RECENT at all but the mailbox's LIST line (RFC 9051 §6.3.2, Appendix E).
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
    public String capability() {
        return "QRESYNC";
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Select select = (ImapRequest.Select) request;
        if (select.qresync() != null && !connection.qresync()) {
            return connection.bad(select.tag(), "QRESYNC is not enabled");
        }
        boolean readOnly = select.name().equals("EXAMINE");
        // RFC 3501 §6.3.1: a failed SELECT leaves no mailbox selected. RFC 7162 §3.2.11: [CLOSED]
        // separates what was said of the previous mailbox from what follows.
        if (connection.selected() != null) {
            connection.select(null);
            connection.send(new Response.Condition(Response.Status.OK, "CLOSED", "Previous mailbox closed"));
        }
        if (select.condstore() || select.qresync() != null) {
            connection.enableCondstore();
        }
        return connection.services().storage().mailboxes().require(connection.user(), select.mailbox())
                .doOnNext(mailbox -> connection.watch(mailbox.id()))
                .flatMap(mailbox -> connection.services().storage().listing().open(mailbox.id())
                        .flatMap(opening -> opened(connection, select, mailbox, readOnly, opening)));
    }

    private Mono<Void> opened(ImapConnection connection, ImapRequest.Select select, Mailbox mailbox,
            boolean readOnly, MessageListing.Opening opening) {
        // Up to the watermark: a UID the client is told is next must not turn out to be behind it.
        SelectedMailbox selected = new SelectedMailbox(mailbox.id(), readOnly, opening.uids(), opening.uidNext(),
                opening.highestModseq());
        connection.select(selected);
        long uidNext = selected.uidNext();
        connection.send(Response.Data.of(Value.atom("FLAGS"), Value.atoms(SYSTEM_FLAGS)));
        connection.send(new Response.Condition(Response.Status.OK, "PERMANENTFLAGS " + (readOnly ? "()"
                : "(\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)"), "Flags permitted"));
        connection.send(Response.Data.of(Value.atom(selected.exists()), Value.atom("EXISTS")));
        if (!connection.rev2()) {
            connection.send(Response.Data.of(Value.atom(0), Value.atom("RECENT")));
        }
        connection.send(new Response.Condition(Response.Status.OK, "UIDVALIDITY " + mailbox.uidValidity(), "UIDs valid"));
        connection.send(new Response.Condition(Response.Status.OK, "UIDNEXT " + uidNext, "Predicted next UID"));
        connection.send(new Response.Condition(Response.Status.OK, "HIGHESTMODSEQ " + selected.syncedModseq(), "Highest"));
        Mono<Void> listed = connection.rev2() ? listLine(connection, mailbox) : Mono.empty();
        Mono<Void> resync = select.qresync() != null && select.qresync().uidValidity() == mailbox.uidValidity()
                ? qresync(connection, selected, select.qresync()) : Mono.empty();
        return listed.then(resync).then(Mono.defer(() -> {
            selected.conveyed();
            return connection.ok(select.tag(), readOnly ? "READ-ONLY" : "READ-WRITE", select.name() + " completed");
        }));
    }

    /**
     * RFC 9051 §6.3.2: a rev2 SELECT answers with the mailbox's LIST line, its name as the server
     * spells it and its attributes as LIST gives them (children, special use).
     */
    private static Mono<Void> listLine(ImapConnection connection, Mailbox mailbox) {
        String prefix = mailbox.path() + Mailbox.DELIMITER;
        return connection.services().storage().mailboxes().list(connection.user())
                .any(other -> !other.hidden() && other.path().startsWith(prefix))
                .doOnNext(children -> {
                    List<String> attributes = new ArrayList<>(List.of(children ? "\\HasChildren" : "\\HasNoChildren"));
                    if (mailbox.specialUse() != null) {
                        attributes.add(mailbox.specialUse());
                    }
                    connection.send(Response.Data.of(Value.atom("LIST"), Value.atoms(attributes),
                            Value.string(Mailbox.DELIMITER), Value.mailbox(mailbox.path())));
                }).then();
    }

    /**
     * RFC 7162 §3.2.5.2: what changed since the client's MODSEQ among the UIDs it knows, as
     * {@code UID FETCH known (FLAGS) (CHANGEDSINCE modseq VANISHED)} would say it. The sequence
     * match data narrows VANISHED only when the expunge records do not reach back far enough.
     */
    private static Mono<Void> qresync(ImapConnection connection, SelectedMailbox selected, ImapRequest.Qresync qresync) {
        long maxUid = selected.uidNext() - 1;
        SequenceSet known = qresync.knownUids() != null ? qresync.knownUids()
                : new SequenceSet(maxUid == 0 ? List.of() : List.of(new SequenceSet.Range(1, maxUid)));
        long floorUid = 0;
        for (int i = 0; i < qresync.matchSequences().size()
                && selected.uidAt(qresync.matchSequences().get(i)) == qresync.matchUids().get(i); i++) {
            floorUid = qresync.matchUids().get(i);
        }
        Resync resync = new Resync(connection, selected);
        return resync.vanishedEarlier(known, qresync.modseq(), floorUid).then(resync.changed(known, qresync.modseq()));
    }
}
