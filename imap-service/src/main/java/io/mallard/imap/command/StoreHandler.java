package io.mallard.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.SequenceSet;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.imap.session.SessionState;
import io.mallard.model.message.FlagOperation;
import io.mallard.model.message.Message;
import reactor.core.publisher.Mono;

/**
 * RFC 3501 §6.4.6 STORE and UID STORE through {@code FlagStore.apply}, with RFC 7162 §3.1.3
 * UNCHANGEDSINCE. Each changed message is answered with its new flags unless .SILENT (a UID STORE
 * also names the UID, RFC 3501 §6.4.8); once CONDSTORE is enabled every answer carries UID and MODSEQ,
 * even .SILENT ones, and so does each message a conditional STORE passed without changing. A message
 * modified since UNCHANGEDSINCE is left alone, told with its current flags (RFC 7162 §3.1.3 recommends
 * so) and listed in {@code [MODIFIED]}, by message number or, for UID STORE, by UID.
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
    public String capability() {
        return "CONDSTORE";
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
        boolean conditional = store.unchangedSince() >= 0;
        if (conditional) {
            connection.enableCondstore();
        }
        List<Long> uids = selected.resolve(store.set(), store.uid());
        FlagOperation operation = FlagOperation.valueOf(store.mode().name());
        List<Long> modified = new ArrayList<>();
        return connection.services().storage().flags().apply(selected.id(), uids, operation, store.flags(), store.unchangedSince())
                .doOnNext(change -> {
                    Message message = change.message();
                    int sequence = selected.sequenceOf(message.uid());
                    if (sequence == 0) {
                        return;
                    }
                    switch (change.outcome()) {
                        case CHANGED -> {
                            if (!store.silent() || connection.condstore()) {
                                connection.sendFlags(selected, message.uid(), message.flags(), message.modseq(),
                                        !store.silent(), store.uid());
                            }
                            selected.ownChange(message.modseq());
                        }
                        case UNCHANGED -> {
                            if (conditional) {
                                connection.sendFlags(selected, message.uid(), message.flags(), message.modseq(),
                                        !store.silent(), store.uid());
                            }
                        }
                        case MODIFIED -> {
                            modified.add(store.uid() ? message.uid() : sequence);
                            connection.sendFlags(selected, message.uid(), message.flags(), message.modseq(), true, store.uid());
                        }
                    }
                })
                .then(Mono.defer(() -> modified.isEmpty()
                        ? connection.ok(store.tag(), null, store.name() + " completed")
                        : connection.ok(store.tag(), "MODIFIED " + SequenceSet.compact(modified), "Conditional STORE failed")));
    }
}
