package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/**
 * One IMAP command: the names it answers to, the states it is valid in (checked once by the
 * dispatcher, RFC 9051 §3) and the capability it adds to CAPABILITY. The returned Mono sends the
 * command's responses, tagged completion included; errors it signals are mapped by the session.
 */
public interface CommandHandler {

    List<String> names();

    Set<SessionState> states();

    /** The capability this command adds, or {@code null}. */
    default String capability() {
        return null;
    }

    /** Every capability this command adds, for commands that bring more than one. */
    default List<String> capabilities() {
        return capability() == null ? List.of() : List.of(capability());
    }

    Mono<Void> handle(ImapRequest request, ImapConnection connection);

    Set<SessionState> ANY = Set.of(SessionState.NOT_AUTHENTICATED, SessionState.AUTHENTICATED, SessionState.SELECTED);
    Set<SessionState> NOT_AUTHENTICATED = Set.of(SessionState.NOT_AUTHENTICATED);
    Set<SessionState> AUTHENTICATED = Set.of(SessionState.AUTHENTICATED, SessionState.SELECTED);
    Set<SessionState> SELECTED = Set.of(SessionState.SELECTED);
}
