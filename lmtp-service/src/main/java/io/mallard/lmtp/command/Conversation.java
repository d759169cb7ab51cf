package io.mallard.lmtp.command;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mallard.lmtp.codec.LmtpReply;
import io.mallard.protocol.server.SessionContext;
import reactor.core.publisher.Mono;

/**
 * One connection's dialogue state as the command handlers see it: the phase, the client's LHLO
 * name, the open transaction, and the way replies go out. All state is touched on the event loop
 * only; asynchronous work comes back to it through {@link #later}.
 */
public final class Conversation {

    private static final Logger log = LoggerFactory.getLogger(Conversation.class);

    private final SessionContext context;
    private final LmtpSettings settings;
    private Phase phase = Phase.GREETED;
    private String lhloDomain;
    private Transaction transaction;
    private Runnable contentEnd;

    public Conversation(SessionContext context, LmtpSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    public SessionContext context() {
        return context;
    }

    public LmtpSettings settings() {
        return settings;
    }

    public Phase phase() {
        return phase;
    }

    String lhloDomain() {
        return lhloDomain;
    }

    /** LHLO: a fresh start with the client's name (RFC 5321 §4.1.4: EHLO also resets). */
    void greeted(String domain) {
        lhloDomain = domain;
        reset();
        phase = Phase.READY;
    }

    /** STARTTLS: everything learnt in the clear is forgotten (RFC 3207 §4.2). */
    void restart() {
        lhloDomain = null;
        transaction = null;
        phase = Phase.GREETED;
    }

    void begin(Transaction opened) {
        transaction = opened;
        phase = Phase.TRANSACTION;
    }

    Transaction transaction() {
        return transaction;
    }

    /** Ends the transaction (RSET, delivery, a fatal error), keeping the LHLO state. */
    public void reset() {
        transaction = null;
        if (phase == Phase.TRANSACTION) {
            phase = Phase.READY;
        }
    }

    /** Content frames go to the transaction; {@code onEnd} runs at the block's end. */
    void expectContent(Runnable onEnd) {
        contentEnd = onEnd;
    }

    /** A content chunk from DATA or BDAT; dropped when the transaction is gone (a refused BDAT). */
    public void content(byte[] chunk) {
        if (transaction != null) {
            transaction.append(chunk);
        }
    }

    /** The decoder saw more DATA than allowed (RFC 5321 §4.5.3.1.10). */
    public void contentTooBig() {
        if (transaction != null) {
            transaction.tooBig();
        }
    }

    public void contentEnded() {
        Runnable onEnd = contentEnd;
        contentEnd = null;
        if (onEnd != null) {
            onEnd.run();
        }
    }

    public void reply(LmtpReply reply) {
        reply.lines().forEach(context::write);
    }

    public void reply(int code, String status, String text) {
        reply(LmtpReply.of(code, status, text));
    }

    /**
     * Runs {@code work} off the event loop while reading stays paused, so pipelined commands wait
     * their turn (RFC 2920 §3: replies in command order); {@code then} runs back on the event loop
     * with the result and returns the replies to send.
     */
    <T> void later(Mono<T> work, Function<T, List<LmtpReply>> then) {
        context.markBusy();
        context.pauseReading();
        work.single().subscribe(
                result -> onLoop(() -> then.apply(result)),
                error -> {
                    log.warn("LMTP command failed", error);
                    // A store hiccup fails this command only (a RCPT lookup); the transaction stays.
                    onLoop(() -> List.of(LmtpReply.of(451, "4.3.0", "Temporary server failure, try again later")));
                });
    }

    private void onLoop(Supplier<List<LmtpReply>> step) {
        context.channel().eventLoop().execute(() -> {
            try {
                step.get().forEach(this::reply);
            } finally {
                context.markIdle();
                context.resumeReading();
            }
        });
    }
}
