package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/**
 * RFC 9208 §4.1.3 SETQUOTA: quotas are the tenant's to set, through the API, never a mail
 * client's, so every SETQUOTA is refused (and QUOTASET is not advertised).
 */
final class SetQuotaHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("SETQUOTA");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        return connection.no(request.tag(), "NOPERM", "Quotas are set by the administrator");
    }
}
