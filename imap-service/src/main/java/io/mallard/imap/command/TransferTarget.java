package io.mallard.imap.command;

import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import org.bson.types.ObjectId;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.model.message.Transfer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What COPY and MOVE share: resolving the set, finding the target ({@code [TRYCREATE]} when it is
 * missing, RFC 3501 §6.4.7), running the store operation, and the RFC 4315 COPYUID code.
 */
final class TransferTarget {

    private TransferTarget() {
    }

    /** Runs {@code operation(uids, target)} and answers with the COPYUID code, or the error answer. */
    static Mono<String> transfer(ImapRequest.Transfer request, ImapConnection connection,
            BiFunction<List<Long>, ObjectId, Flux<Transfer>> operation) {
        SelectedMailbox selected = connection.selected();
        if (!request.uid() && !selected.validSequences(request.set())) {
            return connection.bad(request.tag(), "Invalid message sequence number").then(Mono.empty());
        }
        List<Long> uids = selected.resolve(request.set(), request.uid());
        return connection.services().storage().mailboxes().get(connection.user(), request.mailbox())
                .flatMap(target -> operation.apply(uids, target.id()).collectList()
                        .map(done -> done.isEmpty() ? "" : "COPYUID " + target.uidValidity() + " "
                                + join(done.stream().map(Transfer::sourceUid).toList()) + " "
                                + join(done.stream().map(t -> t.target().uid()).toList())))
                .switchIfEmpty(Mono.defer(() -> connection.no(request.tag(), "TRYCREATE", "No such mailbox")
                        .then(Mono.empty())));
    }

    private static String join(List<Long> uids) {
        return uids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
