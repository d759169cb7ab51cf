package io.mallard.pop3.command;

import java.util.Set;

import io.mallard.pop3.auth.Login;
import io.mallard.pop3.codec.Pop3Request;
import io.mallard.protocol.sasl.SaslMechanism;
import io.mallard.protocol.sasl.SaslMechanisms;
import io.mallard.protocol.sasl.SaslStep;
import reactor.core.publisher.Mono;

/**
 * RFC 5034 AUTH with PLAIN and LOGIN, and an initial response on the command line (§4, "="
 * for an empty one). Challenges go out as {@code + <base64>}; the client's next line is its
 * response, {@code *} cancels. {@code AUTH} alone lists the mechanisms, as Outlook expects.
 */
final class AuthHandler implements CommandHandler {

    private final SaslMechanisms mechanisms;
    private final Login login;

    AuthHandler(SaslMechanisms mechanisms, Login login) {
        this.mechanisms = mechanisms;
        this.login = login;
    }

    @Override
    public Set<Pop3State> states() {
        return Answers.AUTHORIZATION;
    }

    @Override
    public Mono<Void> handle(Pop3Request request, Pop3Conversation conversation) {
        if (!request.has(0)) {
            conversation.replyLines("+OK Supported mechanisms follow", mechanisms.names());
            return Mono.empty();
        }
        if (!conversation.loginAllowed()) {
            return Answers.reply(conversation, Answers.TLS_REQUIRED);
        }
        return mechanisms.create(request.argument(0))
                .map(mechanism -> step(mechanism, mechanism.start(request.has(1) ? request.argument(1) : null),
                        conversation))
                .orElseGet(() -> Answers.reply(conversation, "-ERR Unsupported SASL mechanism"));
    }

    private Mono<Void> step(SaslMechanism mechanism, SaslStep step, Pop3Conversation conversation) {
        if (step instanceof SaslStep.Challenge challenge) {
            conversation.awaitResponse(response -> step(mechanism, mechanism.next(response), conversation));
            return Answers.reply(conversation, "+ " + challenge.challenge());
        }
        if (step instanceof SaslStep.Success success) {
            String authzid = success.credentials().authzid();
            if (!authzid.isEmpty() && !authzid.equals(success.credentials().authcid())) {
                return Answers.reply(conversation, "-ERR [AUTH] Acting as another user is not supported");
            }
            return login.login(conversation, success.credentials().authcid(), success.credentials().password());
        }
        return Answers.reply(conversation, switch (((SaslStep.Failure) step).error()) {
            case CANCELLED -> "-ERR Authentication cancelled";
            case MALFORMED_BASE64 -> "-ERR [AUTH] Invalid base64 in SASL response";
            case TOO_LONG -> "-ERR [AUTH] SASL response too long";
            default -> "-ERR [AUTH] Invalid SASL response";
        });
    }
}
