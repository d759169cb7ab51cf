package io.mallard.imap.command;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bson.types.ObjectId;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import io.mallard.model.message.MessageStore;
import io.mallard.model.message.Transfer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * RFC 3501 §6.4.7 COPY and UID COPY, with RFC 4315 {@code [COPYUID]}. A COPY that fails part way
 * (e.g. over quota) removes the copies it made, as §6.4.7 requires of an unsuccessful COPY.
 */
final class CopyHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("COPY", "UID COPY");
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    private static Flux<Transfer> atomically(ImapConnection connection, List<Long> uids, ObjectId target) {
        MessageStore messages = connection.services().storage().messages();
        List<Transfer> made = new CopyOnWriteArrayList<>();
        return messages.copy(connection.selected().id(), uids, target)
                .doOnNext(made::add)
                .onErrorResume(error -> Flux.fromIterable(made)
                        .concatMap(copy -> messages.delete(target, copy.target().uid()))
                        .then(Mono.error(error)));
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Transfer copy = (ImapRequest.Transfer) request;
        return TransferTarget.transfer(copy, connection, (uids, target) -> atomically(connection, uids, target))
                .flatMap(code -> connection.ok(copy.tag(), code.isEmpty() ? null : code, copy.name() + " completed"));
    }
}
