package io.mallard.imap.command;

import org.bson.types.ObjectId;

import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.ImapServices;
import io.mallard.model.user.Scope;
import reactor.core.publisher.Mono;

/**
 * The one path from credentials to an authenticated session for LOGIN and AUTHENTICATE: checks
 * through {@code CredentialCheck} (passwords and application passwords of scope imap) and answers
 * {@code NO [AUTHENTICATIONFAILED]} (RFC 5530) without saying which part was wrong.
 */
final class Authenticator {

    private final Capabilities capabilities;

    Authenticator(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    /** Whether LOGIN and AUTHENTICATE may be tried on this connection now. */
    boolean allowed(ImapConnection connection) {
        return Capabilities.loginAllowed(connection);
    }

    Mono<Void> authenticate(ImapConnection connection, String tag, String login, String password) {
        // The check counts the attempt in the failure windows shared with POP3 and the API; a locked-out
        // login gets the same answer as a wrong password, so a guesser learns nothing, not even whether
        // the user exists.
        return connection.services().credentials().authenticate(login, password, Scope.IMAP, connection.remoteAddress())
                .flatMap(result -> result.success() && !result.requiresTwoFactor()
                        ? admit(connection, tag, result.user())
                        : refuse(connection, tag));
    }

    /**
     * The right password still needs a free connection slot: the user's own IMAP limit, or the
     * server's (WildDuck: 15), counted across instances. Past it the login is answered
     * {@code NO [LIMIT]} (RFC 5530 §3) and the connection stays unauthenticated.
     */
    private Mono<Void> admit(ImapConnection connection, String tag, ObjectId user) {
        ImapServices services = connection.services();
        return services.users().get(user)
                .map(found -> found.limits().imapConnections() > 0
                        ? found.limits().imapConnections() : services.settings().maxConnectionsPerUser())
                .defaultIfEmpty(services.settings().maxConnectionsPerUser())
                .flatMap(limit -> services.connectionSlots().acquire(user, limit))
                .flatMap(slot -> connection.authenticated(user, slot)
                        .then(Mono.defer(() -> connection.ok(tag, capabilities.code(connection), "Logged in")))
                        .thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> connection.no(tag, "LIMIT", "Too many simultaneous connections")
                        .thenReturn(false)))
                .then();
    }

    private static Mono<Void> refuse(ImapConnection connection, String tag) {
        return connection.no(tag, "AUTHENTICATIONFAILED", "Invalid credentials");
    }
}
