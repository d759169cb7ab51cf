package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/** RFC 9051 §6.2.3 LOGIN; refused in the clear unless configured (LOGINDISABLED). */
final class LoginHandler implements CommandHandler {

    private final Authenticator authenticator;

    LoginHandler(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public List<String> names() {
        return List.of("LOGIN");
    }

    @Override
    public Set<SessionState> states() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Login login = (ImapRequest.Login) request;
        if (!authenticator.allowed(connection)) {
            return connection.no(login.tag(), "PRIVACYREQUIRED", "Use STARTTLS first");
        }
        return authenticator.authenticate(connection, login.tag(), login.user(), login.password());
    }
}
