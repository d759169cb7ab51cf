package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/** RFC 3501 §6.3.6 SUBSCRIBE and §6.3.7 UNSUBSCRIBE. */
final class SubscribeHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("SUBSCRIBE", "UNSUBSCRIBE");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.OnMailbox subscribe = (ImapRequest.OnMailbox) request;
        return connection.services().storage().mailboxes()
                .subscribe(connection.user(), subscribe.mailbox(), subscribe.name().equals("SUBSCRIBE"))
                .then(connection.ok(subscribe.tag(), null, subscribe.name() + " completed"));
    }
}
