package io.mallard.pop3.session;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mallard.pop3.codec.InvalidRequest;
import io.mallard.pop3.codec.ParsedLine;
import io.mallard.pop3.codec.Pop3Request;
import io.mallard.pop3.codec.Pop3RequestParser;
import io.mallard.pop3.command.CommandHandler;
import io.mallard.pop3.command.Pop3Commands;
import io.mallard.pop3.command.Pop3Conversation;
import io.mallard.pop3.metrics.Pop3Metrics;
import io.mallard.protocol.codec.Frame;
import io.mallard.protocol.codec.Line;
import io.mallard.protocol.codec.LineTooLong;
import io.mallard.protocol.server.ProtocolSession;
import io.mallard.protocol.server.SessionContext;
import reactor.core.publisher.Mono;

/**
 * One POP3 connection: parses each line, checks the command against the RFC 1939 state, and runs
 * its handler with the session marked busy and reading paused, so pipelined commands (RFC 2449
 * §6.6) are answered in order and the idle timeout never cuts a command or a streamed response.
 */
public final class Pop3Session implements ProtocolSession {

    private static final Logger LOG = LoggerFactory.getLogger(Pop3Session.class);

    private final Pop3Commands commands;
    private final Pop3Metrics metrics;
    private final boolean plaintextLoginAllowed;
    private Pop3Conversation conversation;

    /** Made for an accepted connection, just before its greeting. */
    public Pop3Session(Pop3Commands commands, Pop3Metrics metrics, boolean plaintextLoginAllowed) {
        this.commands = commands;
        this.metrics = metrics;
        this.plaintextLoginAllowed = plaintextLoginAllowed;
        metrics.connectionOpened();
    }

    @Override
    public void onFrame(Frame frame, SessionContext context) {
        if (conversation == null) {
            conversation = new Pop3Conversation(context, plaintextLoginAllowed);
        }
        Function<String, Mono<Void>> saslResponse = conversation.takeContinuation();
        if (frame instanceof LineTooLong) {
            context.write(saslResponse == null ? "-ERR Line too long" : "-ERR [AUTH] SASL response too long");
        } else if (frame instanceof Line line) {
            if (saslResponse != null) {
                run(context, saslResponse.apply(new String(line.content(), StandardCharsets.US_ASCII).strip()));
            } else {
                dispatch(Pop3RequestParser.parse(line.content()), context);
            }
        }
    }

    @Override
    public void onClose(SessionContext context) {
        metrics.connectionClosed();
        // A dropped connection changes nothing (RFC 1939 §6): only the lock is given back.
        if (conversation != null) {
            conversation.unlock().subscribe(null, failure -> LOG.debug("POP3 lock release failed", failure));
        }
    }

    private void dispatch(ParsedLine parsed, SessionContext context) {
        if (parsed instanceof InvalidRequest invalid) {
            context.write("-ERR " + invalid.reason());
            return;
        }
        Pop3Request request = (Pop3Request) parsed;
        CommandHandler handler = commands.handler(request.verb());
        if (!handler.states().contains(conversation.state())) {
            context.write("-ERR " + request.verb() + " not allowed in "
                    + conversation.state().name().toLowerCase(Locale.ROOT) + " state");
            return;
        }
        metrics.command(request.verb());
        run(context, conversation.renewLock().then(Mono.defer(() -> handler.handle(request, conversation))));
    }

    /**
     * Runs a command busy. Reading pauses only if it does not finish on the spot (most commands
     * do, and a pause costs a task on the event loop), so the next pipelined command waits for it.
     */
    private void run(SessionContext context, Mono<Void> command) {
        context.markBusy();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean paused = new AtomicBoolean();
        command.doFinally(signal -> {
                    context.markIdle();
                    finished.set(true);
                    if (paused.get()) {
                        context.resumeReading();
                    }
                })
                .subscribe(null, failure -> {
                    LOG.warn("POP3 session {} command failed", context.info().sessionId(), failure);
                    context.write("-ERR [SYS/TEMP] Temporary failure, try again later");
                });
        if (!finished.get()) {
            context.pauseReading();
            paused.set(true);
            // The command may have finished between the check and the pause; resuming twice is harmless.
            if (finished.get()) {
                context.resumeReading();
            }
        }
    }
}
