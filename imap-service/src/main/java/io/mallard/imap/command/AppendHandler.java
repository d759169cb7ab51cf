package io.mallard.imap.command;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MessageStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * RFC 3501 §6.3.11 APPEND through {@code MessageAppender} (parsed once, stored once), with RFC 3502
 * MULTIAPPEND, answering RFC 4315 APPENDUID, RFC 7889 {@code [TOOBIG]} over APPENDLIMIT, RFC 9208
 * {@code [OVERQUOTA]}. MULTIAPPEND is all or nothing (RFC 3502 §3): when a later message
 * fails, the ones already stored are deleted again. Without transactions another session may see
 * them come and go meanwhile; it never sees them stay.
 */
final class AppendHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("APPEND");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public List<String> capabilities() {
        return List.of("UIDPLUS", "MULTIAPPEND");
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Append append = (ImapRequest.Append) request;
        long limit = connection.services().settings().appendLimit();
        if (append.messages().stream().anyMatch(message -> message.message().length > limit)) {
            return connection.no(append.tag(), "TOOBIG", "Message too big");
        }
        // RFC 3501 §6.3.11: a missing target is [TRYCREATE], so the client may create it and retry.
        return allOrNone(connection, append)
                .flatMap(stored -> {
                    MessageStore.Appended last = stored.get(stored.size() - 1);
                    Mailbox mailbox = last.mailbox();
                    return connection.reportArrival(mailbox.id(), last.message().uid())
                            .thenReturn("APPENDUID " + mailbox.uidValidity() + " " + stored.stream()
                                    .map(m -> String.valueOf(m.message().uid())).collect(Collectors.joining(",")));
                })
                .flatMap(code -> connection.ok(append.tag(), code, "APPEND completed").thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> connection.no(append.tag(), "TRYCREATE", "No such mailbox")
                        .thenReturn(false)))
                .then();
    }

    /** Every message stored, or none: empty when the mailbox is not there (for any of them). */
    private static Mono<List<MessageStore.Appended>> allOrNone(ImapConnection connection, ImapRequest.Append append) {
        MessageStore store = connection.services().storage().messages();
        List<MessageStore.Appended> stored = new CopyOnWriteArrayList<>();
        Mono<Void> undo = Flux.fromIterable(stored)
                .concatMap(appended -> store.delete(appended.mailbox().id(), appended.message().uid()))
                .then();
        return Flux.fromIterable(append.messages())
                .concatMap(message -> connection.services().appender().append(connection.user(), append.mailbox(),
                        message.message(), message.flags(),
                        message.internalDate() == null ? Instant.now() : message.internalDate().toInstant()))
                .doOnNext(stored::add)
                .collectList()
                .filter(all -> all.size() == append.messages().size())
                .switchIfEmpty(undo.then(Mono.empty()))
                .onErrorResume(error -> undo.then(Mono.error(error)));
    }
}
