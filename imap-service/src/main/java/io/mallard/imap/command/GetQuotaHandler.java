package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/** RFC 9208 §4.1.1 GETQUOTA of the user's one quota root ({@link UserQuota}). */
final class GetQuotaHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("GETQUOTA");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public List<String> capabilities() {
        return List.of("QUOTA", "QUOTA=RES-STORAGE");
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Quota quota = (ImapRequest.Quota) request;
        Mono<Boolean> answered = !quota.root().equals(UserQuota.ROOT) ? Mono.just(false)
                : UserQuota.of(connection).doOnNext(connection::send).hasElement();
        return answered.flatMap(found -> found
                ? connection.ok(quota.tag(), null, "GETQUOTA completed")
                : connection.no(quota.tag(), "NONEXISTENT", "No such quota root"));
    }
}
