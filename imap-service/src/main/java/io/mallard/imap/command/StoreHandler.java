package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.imap.session.SessionState;
import io.mallard.model.message.FlagOperation;
import reactor.core.publisher.Mono;

/**
 * RFC 3501 §6.4.6 STORE and UID STORE through {@code FlagStore.update}. Each changed message is
 * answered with its new flags unless .SILENT (a UID STORE also names the UID, RFC 3501 §6.4.8).
 */
final class StoreHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("STORE", "UID STORE");
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Store store = (ImapRequest.Store) request;
        SelectedMailbox selected = connection.selected();
        if (selected.readOnly()) {
            return connection.no(store.tag(), "READ-ONLY", "Mailbox is read-only");
        }
        if (!store.uid() && !selected.validSequences(store.set())) {
            return connection.bad(store.tag(), "Invalid message sequence number");
        }
        List<Long> uids = selected.resolve(store.set(), store.uid());
        FlagOperation operation = FlagOperation.valueOf(store.mode().name());
        return connection.services().storage().flags().update(selected.id(), uids, operation, store.flags(), -1)
                .doOnNext(changed -> {
                    int sequence = selected.sequenceOf(changed.uid());
                    if (!store.silent() && sequence > 0) {
                        selected.flagsReported(changed.uid(), changed.modseq());
                        List<Value> items = store.uid()
                                ? List.of(Value.atom("UID"), Value.atom(changed.uid()), Value.atom("FLAGS"),
                                        Value.atoms(changed.flags()))
                                : List.of(Value.atom("FLAGS"), Value.atoms(changed.flags()));
                        connection.send(Response.Data.of(Value.atom(sequence), Value.atom("FETCH"), Value.list(items)));
                    }
                })
                .then(connection.ok(store.tag(), null, store.name() + " completed"));
    }
}
