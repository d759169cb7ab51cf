package io.mallard.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/**
 * RFC 9208 §4.1.2 GETQUOTAROOT: the mailbox's quota roots (the user's one, or none when unlimited)
 * and the QUOTA of each.
 */
final class GetQuotaRootHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("GETQUOTAROOT");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.OnMailbox root = (ImapRequest.OnMailbox) request;
        return connection.services().storage().mailboxes().require(connection.user(), root.mailbox())
                .flatMap(mailbox -> UserQuota.of(connection).map(List::of).defaultIfEmpty(List.of())
                        .flatMap(quotas -> {
                            List<Value> roots = new ArrayList<>(List.of(Value.atom("QUOTAROOT"),
                                    Value.mailbox(mailbox.path())));
                            quotas.forEach(quota -> roots.add(Value.string(UserQuota.ROOT)));
                            connection.send(new Response.Data(roots));
                            quotas.forEach(connection::send);
                            return connection.ok(root.tag(), null, "GETQUOTAROOT completed");
                        }));
    }
}
