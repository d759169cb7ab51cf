package io.mallard.imap.command;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import io.mallard.protocol.sasl.SaslMechanism;
import io.mallard.protocol.sasl.SaslMechanisms;
import io.mallard.protocol.sasl.SaslStep;
import reactor.core.publisher.Mono;

/**
 * RFC 9051 §6.2.2 AUTHENTICATE with PLAIN and LOGIN, and RFC 4959 SASL-IR: the exchange's
 * challenges go out as continuations and the client's lines come back through the session.
 */
final class AuthenticateHandler implements CommandHandler {

    private final Authenticator authenticator;
    private final SaslMechanisms mechanisms = new SaslMechanisms(SaslMechanisms.DEFAULT_MAX_LENGTH);

    AuthenticateHandler(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public List<String> names() {
        return List.of("AUTHENTICATE");
    }

    @Override
    public Set<SessionState> states() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Authenticate authenticate = (ImapRequest.Authenticate) request;
        String tag = authenticate.tag();
        if (!authenticator.allowed(connection)) {
            return connection.no(tag, "PRIVACYREQUIRED", "Use STARTTLS first");
        }
        SaslMechanism mechanism = mechanisms.create(authenticate.mechanism().toUpperCase(Locale.ROOT)).orElse(null);
        if (mechanism == null) {
            return connection.no(tag, "CANNOT", "Unsupported mechanism");
        }
        return step(connection, tag, mechanism, mechanism.start(authenticate.initialResponse())).then();
    }

    /** Answers one step; {@code true} when the exchange is over. */
    private Mono<Boolean> step(ImapConnection connection, String tag, SaslMechanism mechanism, SaslStep step) {
        if (step instanceof SaslStep.Challenge challenge) {
            connection.send(new Response.Continuation(challenge.challenge()));
            connection.readLines(line -> step(connection, tag, mechanism, mechanism.next(line)));
            return Mono.just(false);
        }
        if (step instanceof SaslStep.Success success) {
            return authenticator.authenticate(connection, tag, success.credentials().authcid(),
                    success.credentials().password()).thenReturn(true);
        }
        SaslStep.Failure failure = (SaslStep.Failure) step;
        return connection.bad(tag, "Authentication " + failure.error().name().toLowerCase(Locale.ROOT)).thenReturn(true);
    }
}
