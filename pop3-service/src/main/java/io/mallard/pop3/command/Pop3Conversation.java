package io.mallard.pop3.command;

import java.util.List;
import java.util.function.Function;

import io.mallard.pop3.maildrop.Maildrop;
import io.mallard.pop3.maildrop.MaildropLock;
import io.mallard.protocol.server.SessionContext;
import io.netty.channel.ChannelFuture;
import reactor.core.publisher.Mono;

/**
 * The state of one POP3 connection that its command handlers share: the RFC 1939 state, the user
 * named by USER, an open SASL exchange, the maildrop and its lock. Touched on the connection's
 * event loop, or by the one handler running while reading is paused.
 */
public final class Pop3Conversation {

    private final SessionContext context;
    private final boolean plaintextLoginAllowed;
    private volatile Pop3State state = Pop3State.AUTHORIZATION;
    private volatile String pendingUser;
    private volatile Function<String, Mono<Void>> continuation;
    private volatile Maildrop maildrop;
    private volatile MaildropLock.Lease lease;

    /** @param plaintextLoginAllowed whether USER/PASS/AUTH may run before TLS ({@code allow-plaintext-login}) */
    public Pop3Conversation(SessionContext context, boolean plaintextLoginAllowed) {
        this.context = context;
        this.plaintextLoginAllowed = plaintextLoginAllowed;
    }

    public SessionContext context() {
        return context;
    }

    public ChannelFuture reply(String line) {
        return context.write(line);
    }

    /**
     * A multi-line response (RFC 1939 §3): the status line, the lines dot-stuffed, the terminator,
     * in one write.
     */
    public ChannelFuture replyLines(String status, List<String> lines) {
        StringBuilder response = new StringBuilder(status);
        for (String line : lines) {
            response.append("\r\n").append(line.startsWith(".") ? "." + line : line);
        }
        return context.write(response.append("\r\n.").toString());
    }

    /** RFC 2595 §4 and RFC 8314: credentials only under TLS unless configured otherwise. */
    public boolean loginAllowed() {
        return plaintextLoginAllowed || context.tlsActive();
    }

    public Pop3State state() {
        return state;
    }

    public String sessionId() {
        return context.info().sessionId();
    }

    public String remoteIp() {
        return context.info().remoteAddress().getAddress().getHostAddress();
    }

    public String pendingUser() {
        return pendingUser;
    }

    public void pendingUser(String user) {
        pendingUser = user;
    }

    /** The next line is a SASL response (RFC 5034 §4), not a command. */
    public void awaitResponse(Function<String, Mono<Void>> next) {
        continuation = next;
    }

    /** The open SASL exchange's next step, removed, or null when the line is a command. */
    public Function<String, Mono<Void>> takeContinuation() {
        Function<String, Mono<Void>> next = continuation;
        continuation = null;
        return next;
    }

    public Maildrop maildrop() {
        return maildrop;
    }

    /** Login succeeded: TRANSACTION state on {@code opened}, held under {@code held}. */
    public void open(Maildrop opened, MaildropLock.Lease held) {
        maildrop = opened;
        lease = held;
        state = Pop3State.TRANSACTION;
    }

    /** Keeps the maildrop lock alive while the client works (see {@link MaildropLock}). */
    public Mono<Void> renewLock() {
        MaildropLock.Lease held = lease;
        return held == null ? Mono.empty() : held.renewIfDue();
    }

    public void enterUpdate() {
        state = Pop3State.UPDATE;
    }

    /** Gives the maildrop lock back, once: at QUIT, or when the connection drops. */
    public Mono<Void> unlock() {
        MaildropLock.Lease held = lease;
        lease = null;
        return held == null ? Mono.empty() : held.release();
    }
}
