package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.Expunges;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.imap.session.SessionState;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageFields;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * RFC 3501 §6.4.3 EXPUNGE and RFC 4315 UID EXPUNGE (only the named \Deleted messages), reported as
 * EXPUNGE or, under QRESYNC, VANISHED with HIGHESTMODSEQ in the tagged OK (RFC 7162 §3.2.7, §3.2.9).
 */
final class ExpungeHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("EXPUNGE", "UID EXPUNGE");
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        SelectedMailbox selected = connection.selected();
        if (selected.readOnly()) {
            return connection.no(request.tag(), "READ-ONLY", "Mailbox is read-only");
        }
        Expunges expunges = new Expunges(connection, selected);
        return removed(request, connection, selected)
                .doOnNext(expunges::expunged)
                .then(Mono.defer(expunges::finish))
                .then(connection.ok(request.tag(), null, request.name() + " completed"));
    }

    static Flux<Long> removed(ImapRequest request, ImapConnection connection, SelectedMailbox selected) {
        if (request instanceof ImapRequest.UidExpunge uidExpunge) {
            List<Long> uids = selected.resolve(uidExpunge.set(), true);
            Set<Long> named = new java.util.HashSet<>(uids);
            if (uids.isEmpty()) {
                return Flux.empty();
            }
            return connection.services().storage().listing().range(selected.id(), uids.get(0), uids.get(uids.size() - 1), MessageFields.NONE)
                    .filter(message -> named.contains(message.uid()) && message.flags().contains(Message.DELETED))
                    .concatMap(message -> connection.services().storage().messages().delete(selected.id(), message.uid()));
        }
        return connection.services().storage().messages().expunge(selected.id());
    }
}
