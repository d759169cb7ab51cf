package io.mallard.imap.command;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/**
 * RFC 3501 §6.3.11 APPEND through {@code MessageAppender} (parsed once, stored once), answering
 * RFC 4315 APPENDUID, RFC 7889 {@code [TOOBIG]} over APPENDLIMIT, RFC 9208 {@code [OVERQUOTA]}.
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
    public String capability() {
        return "UIDPLUS";
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Append append = (ImapRequest.Append) request;
        if (append.message().length > connection.services().settings().appendLimit()) {
            return connection.no(append.tag(), "TOOBIG", "Message too big");
        }
        Instant date = append.internalDate() == null ? Instant.now() : append.internalDate().toInstant();
        // RFC 3501 §6.3.11: a missing target is [TRYCREATE], so the client may create it and retry.
        return connection.services().storage().mailboxes().get(connection.user(), append.mailbox())
                .flatMap(mailbox -> connection.services().appender()
                        .append(mailbox.id(), append.message(), append.flags(), date)
                        .flatMap(stored -> connection.reportArrival(mailbox.id(), stored.uid())
                                .thenReturn("APPENDUID " + mailbox.uidValidity() + " " + stored.uid())))
                .flatMap(code -> connection.ok(append.tag(), code, "APPEND completed").thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> connection.no(append.tag(), "TRYCREATE", "No such mailbox")
                        .thenReturn(false)))
                .then();
    }
}
