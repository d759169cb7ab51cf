package io.mallard.imap.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mallard.imap.codec.CommandAssembler;
import io.mallard.imap.codec.CommandParser;
import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.ImapSyntaxException;
import io.mallard.imap.codec.Response;
import io.mallard.imap.command.CommandHandler;
import io.mallard.imap.command.CommandRegistry;
import io.mallard.model.mailbox.MailboxException;
import io.mallard.model.quota.QuotaExceededException;
import io.mallard.protocol.codec.Frame;
import io.mallard.protocol.codec.Line;
import io.mallard.protocol.server.ProtocolSession;
import io.mallard.protocol.server.SessionContext;
import reactor.core.publisher.Mono;

/**
 * One IMAP connection: frames → commands → handlers, one command at a time. Reading pauses while a
 * command runs, so pipelined commands wait in the socket and responses keep their order; the
 * handler's work runs off the event loop on the reactive drivers.
 */
public final class ImapSession implements ProtocolSession {

    private static final Logger log = LoggerFactory.getLogger(ImapSession.class);

    private final ImapServices services;
    private final CommandRegistry registry;
    private final CommandAssembler assembler;
    private final ImapMetrics metrics;
    private ImapConnection connection;
    private int badCommands;

    public ImapSession(ImapServices services, CommandRegistry registry, ImapMetrics metrics) {
        this.services = services;
        this.registry = registry;
        this.metrics = metrics;
        this.assembler = new CommandAssembler(services.settings().appendLimit() + 8192);
        metrics.opened();
    }

    @Override
    public void onFrame(Frame frame, SessionContext context) {
        if (connection == null) {
            connection = new ImapConnection(context, services);
        }
        if (connection.lineReader() != null && frame instanceof Line line) {
            run(context, Mono.defer(() -> connection.lineReader().apply(line.text())).doOnNext(done -> {
                if (done) {
                    connection.releaseLineReader();
                }
            }).then(), () -> { });
            return;
        }
        CommandAssembler.Step step = assembler.accept(frame);
        if (step instanceof CommandAssembler.Continue) {
            connection.send(new Response.Continuation("Ready for literal data"));
        } else if (step instanceof CommandAssembler.Refused refused) {
            // RFC 7888 §4: a literal over the limit is refused with [TOOBIG].
            connection.send(new Response.Tagged(refused.tag(), refused.tooBig() ? Response.Status.NO : Response.Status.BAD,
                    refused.tooBig() ? "TOOBIG" : null, refused.reason()));
            countBad();
        } else if (step instanceof CommandAssembler.Complete complete) {
            dispatch(complete.command(), context);
        }
    }

    private void dispatch(byte[] command, SessionContext context) {
        ImapRequest request;
        try {
            request = CommandParser.parse(command, connection.utf8());
        } catch (ImapSyntaxException e) {
            connection.send(new Response.Tagged(CommandParser.tag(command), Response.Status.BAD, null, e.getMessage()));
            countBad();
            return;
        }
        CommandHandler handler = registry.find(request.name());
        if (handler == null || !handler.states().contains(connection.state())) {
            connection.send(new Response.Tagged(request.tag(), Response.Status.BAD, null,
                    handler == null ? "Unknown command" : request.name() + " not allowed now"));
            countBad();
            return;
        }
        badCommands = 0;
        String tag = request.tag();
        long start = System.nanoTime();
        connection.takeLastStatus();
        connection.hold();
        // Deferred, so that a handler failing before its Mono exists is answered like any other failure.
        run(context, Mono.defer(() -> handler.handle(request, connection)).onErrorResume(error -> failed(tag, error)),
                () -> {
                    connection.release();
                    Response.Status status = connection.takeLastStatus();
                    metrics.command(request.name(), status == null ? "NONE" : status.name(), System.nanoTime() - start);
                });
    }

    /** Runs one command's work with reading paused; {@code done} runs before the next command can start. */
    private void run(SessionContext context, Mono<Void> work, Runnable done) {
        context.pauseReading();
        context.markBusy();
        work.onErrorResume(error -> {
            log.warn("IMAP session failed", error);
            context.close("* BYE Internal error");
            return Mono.empty();
        }).doFinally(signal -> {
            done.run();
            context.markIdle();
            if (connection.state() != SessionState.LOGOUT) {
                context.resumeReading();
            }
        }).subscribe();
    }

    /** Store refusals become their RFC 5530 response codes; anything else is our bug, not the client's. */
    private Mono<Void> failed(String tag, Throwable error) {
        if (error instanceof MailboxException refused) {
            return connection.no(tag, refused.code().name(), refused.getMessage());
        }
        if (error instanceof QuotaExceededException) {
            return connection.no(tag, "OVERQUOTA", "Quota exceeded");
        }
        if (error instanceof ImapSyntaxException syntax) {
            return connection.bad(tag, syntax.getMessage());
        }
        log.warn("IMAP command failed", error);
        return connection.no(tag, "SERVERBUG", "Internal error");
    }

    private void countBad() {
        if (++badCommands >= services.settings().maxBadCommands()) {
            connection.logout();
            connection.context().close("* BYE Too many invalid commands");
        }
    }

    @Override
    public void onClose(SessionContext context) {
        metrics.closed();
        if (connection != null) {
            connection.close();
        }
    }
}
