package io.mallard.imap.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.bson.types.ObjectId;

import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.ResponseEncoder;
import io.mallard.imap.codec.Value;
import io.mallard.model.journal.ChangeSubscription;
import io.mallard.model.ratelimit.ConnectionSlots;
import io.mallard.protocol.server.SessionContext;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Mono;

/**
 * One client's IMAP state as command handlers see it: the connection state, the user, the selected
 * mailbox, the change feed, and the way to answer. State changes happen on the event loop.
 */
public final class ImapConnection {

    /** The most untagged bytes a running command queues before they are sent anyway. */
    private static final int HOLD_LIMIT = 64 * 1024;

    private final SessionContext context;
    private final ImapServices services;
    private final ChangeQueue changes;
    /** Read from any thread by {@link #send}, changed by ENABLE. */
    private final Set<String> enabled = ConcurrentHashMap.newKeySet();
    private volatile SessionState state = SessionState.NOT_AUTHENTICATED;
    private ObjectId user;
    private SelectedMailbox selected;
    /** The mailbox whose changes the feed brings: the selected one, or the one SELECT is opening. */
    private volatile ObjectId watched;
    private ChangeSubscription subscription;
    private Function<String, Mono<Boolean>> lineReader;
    private volatile Response.Status lastStatus;
    private boolean forceModseqCode;
    /** A command is running: its untagged lines wait for its tagged one (see {@link #send}). */
    private volatile boolean holding;
    /** Bytes of untagged lines queued since the last flush; touched only by the running command. */
    private int held;
    /** Taken at login, given back once: by close, or by a login that finished after the close. */
    private final AtomicReference<ConnectionSlots.Slot> slot = new AtomicReference<>();
    private volatile boolean closed;

    ImapConnection(SessionContext context, ImapServices services) {
        this.context = context;
        this.services = services;
        this.changes = new ChangeQueue(this);
    }

    public ImapServices services() {
        return services;
    }

    public SessionContext context() {
        return context;
    }

    public SessionState state() {
        return state;
    }

    public ObjectId user() {
        return user;
    }

    public SelectedMailbox selected() {
        return selected;
    }

    public Set<String> enabled() {
        return enabled;
    }

    /**
     * Mailbox names are UTF-8 both ways: RFC 6855 UTF8=ACCEPT is enabled, or IMAP4rev2, whose mailbox
     * names are UTF-8 and never modified UTF-7 (RFC 9051 §5.1, Appendix E).
     */
    public boolean utf8() {
        return enabled.contains("UTF8=ACCEPT") || rev2();
    }

    /**
     * {@code ENABLE IMAP4rev2} was answered (RFC 9051 §6.3.1): from then on the session follows rev2
     * where it differs from rev1 (no RECENT, SEARCH answered by ESEARCH, UTF-8 mailbox names, ...).
     * Until then it is an IMAP4rev1 session, whatever CAPABILITY advertised.
     */
    public boolean rev2() {
        return enabled.contains("IMAP4rev2");
    }

    /**
     * RFC 5161 ENABLE of one extension; true if it was not enabled before. QRESYNC implies
     * CONDSTORE (RFC 7162 §3.2.3), so {@code ENABLE QRESYNC} and {@code ENABLE QRESYNC CONDSTORE}
     * end the same.
     */
    public boolean enable(String capability) {
        boolean fresh = !enabled.contains(capability);
        if (capability.equals("CONDSTORE") || capability.equals("QRESYNC")) {
            enableCondstore();
        }
        enabled.add(capability);
        return fresh;
    }

    /** A CONDSTORE enabling command has been issued (RFC 7162 §3.1): FETCH responses now carry MODSEQ. */
    public boolean condstore() {
        return enabled.contains("CONDSTORE");
    }

    /** ENABLE QRESYNC has been answered: expunges are VANISHED, QRESYNC and VANISHED modifiers allowed. */
    public boolean qresync() {
        return enabled.contains("QRESYNC");
    }

    /**
     * Marks a CONDSTORE enabling command (RFC 7162 §3.1). The first one with a mailbox selected
     * reports the mailbox's HIGHESTMODSEQ.
     */
    public void enableCondstore() {
        if (enabled.add("CONDSTORE") && selected != null) {
            send(new Response.Condition(Response.Status.OK, "HIGHESTMODSEQ " + selected.syncedModseq(), "Highest"));
            selected.conveyed();
        }
    }

    /** The command's tagged OK carries HIGHESTMODSEQ whatever it changed (RFC 7162 §3.2.7, §3.2.9). */
    public void announceModseq() {
        forceModseqCode = true;
    }

    public String remoteAddress() {
        return context.info().remoteAddress().getAddress().getHostAddress();
    }

    public Mono<Void> ok(String tag, String code, String text) {
        return tagged(tag, Response.Status.OK, code, text);
    }

    public Mono<Void> no(String tag, String code, String text) {
        return tagged(tag, Response.Status.NO, code, text);
    }

    public Mono<Void> bad(String tag, String text) {
        return tagged(tag, Response.Status.BAD, null, text);
    }

    private Mono<Void> tagged(String tag, Response.Status status, String code, String text) {
        return Mono.fromRunnable(() -> send(new Response.Tagged(tag, status, code, text)));
    }

    /**
     * Sends a response. While a command runs, its untagged lines are queued and go out with its
     * tagged line (or once {@link #HOLD_LIMIT} bytes are queued), so a FETCH of fifty messages is
     * one socket write, not fifty; a continuation request, and anything sent outside a command
     * (IDLE's news), goes out at once.
     */
    public void send(Response response) {
        Response sent = response;
        if (response instanceof Response.Tagged tagged) {
            lastStatus = tagged.status();
            sent = withModseqCode(tagged);
        }
        byte[] bytes = ResponseEncoder.encode(sent, utf8());
        if (holding && (sent instanceof Response.Data || sent instanceof Response.Condition)
                && (held += bytes.length) < HOLD_LIMIT) {
            context.writeLater(Unpooled.wrappedBuffer(bytes));
            return;
        }
        held = 0;
        context.write(Unpooled.wrappedBuffer(bytes));
    }

    /** A command starts: its untagged lines may wait for its tagged one. */
    void hold() {
        holding = true;
    }

    /** The command has ended: whatever it left queued goes out, and later lines go at once. */
    void release() {
        holding = false;
        if (held > 0) {
            held = 0;
            context.flush();
        }
    }

    /**
     * Ends a command with {@code [HIGHESTMODSEQ n]} when {@link SelectedMailbox#modseqCode} asks
     * for it: in the tagged OK when that has no code of its own, else just before it (RFC 7162 §6).
     */
    private Response withModseqCode(Response.Tagged tagged) {
        boolean force = forceModseqCode;
        forceModseqCode = false;
        SelectedMailbox current = selected;
        String code = current == null || !condstore() ? null : current.modseqCode(force);
        if (code == null) {
            return tagged;
        }
        if (tagged.status() == Response.Status.OK && tagged.code() == null) {
            return new Response.Tagged(tagged.tag(), Response.Status.OK, code, tagged.text());
        }
        Response highest = new Response.Condition(Response.Status.OK, code, "Highest");
        context.writeLater(Unpooled.wrappedBuffer(ResponseEncoder.encode(highest, utf8())));
        return tagged;
    }

    /**
     * An untagged FETCH telling a message's flags: with its UID and MODSEQ once CONDSTORE is
     * enabled (RFC 7162 §3.2.4: "both UID and mod-sequence data in all subsequent untagged FETCH
     * responses"), otherwise with the UID when {@code withUid}.
     */
    public void sendFlags(SelectedMailbox mailbox, long uid, List<String> flags, long modseq, boolean withFlags,
            boolean withUid) {
        int sequence = mailbox.sequenceOf(uid);
        if (sequence == 0) {
            return;
        }
        List<Value> items = new ArrayList<>();
        if (withUid || condstore()) {
            items.add(Value.atom("UID"));
            items.add(Value.atom(uid));
        }
        if (withFlags) {
            items.add(Value.atom("FLAGS"));
            items.add(Value.atoms(flags));
            mailbox.flagsReported(uid, modseq);
        }
        if (condstore()) {
            items.add(Value.atom("MODSEQ"));
            items.add(Value.list(List.of(Value.atom(modseq))));
            mailbox.modseqSent(modseq);
        }
        send(Response.Data.of(Value.atom(sequence), Value.atom("FETCH"), Value.list(items)));
    }

    /**
     * RFC 4978 §3: the tagged OK of COMPRESS goes out uncompressed, everything after it deflated.
     * Completes once compression is in place, so the next command is read through it.
     */
    public Mono<Void> okThenCompress(String tag) {
        Response.Tagged ok = new Response.Tagged(tag, Response.Status.OK, null, "DEFLATE active");
        lastStatus = ok.status();
        return Mono.create(sink -> context.startCompression(Unpooled.wrappedBuffer(ResponseEncoder.encode(ok)))
                .addListener(done -> sink.success()));
    }

    /** The status of the last tagged response sent, for metrics; {@code null} before any. */
    Response.Status takeLastStatus() {
        Response.Status status = lastStatus;
        lastStatus = null;
        return status;
    }

    /**
     * LOGIN or AUTHENTICATE succeeded and the user got a connection slot: opens the user's change
     * feed before the tagged OK, and allows the longer authenticated idle time (RFC 9051 §5.4).
     */
    public Mono<Void> authenticated(ObjectId userId, ConnectionSlots.Slot slot) {
        this.slot.set(slot);
        if (closed) {
            releaseSlot();
            return Mono.empty();
        }
        return services.notifier().open(userId, mailbox -> mailbox.equals(watched)).doOnNext(opened -> {
            user = userId;
            state = SessionState.AUTHENTICATED;
            subscription = opened;
            changes.follow(opened.events());
            context.idleTimeout(services.settings().idleTimeout());
        }).then();
    }

    /**
     * Selects a mailbox, or none. News queued for the previous one is dropped when the selection
     * ends; news arriving while SELECT reads the new mailbox is kept, so nothing falls in between.
     */
    public void select(SelectedMailbox mailbox) {
        selected = mailbox;
        watched = mailbox == null ? null : mailbox.id();
        if (mailbox == null) {
            changes.clear();
        }
        state = mailbox == null ? SessionState.AUTHENTICATED : SessionState.SELECTED;
    }

    public void logout() {
        state = SessionState.LOGOUT;
    }

    /**
     * SELECT or EXAMINE is about to read the mailbox's state: its changes come through the feed
     * from now on, so none committed after that read goes unannounced.
     */
    public void watch(ObjectId mailbox) {
        watched = mailbox;
    }

    /** Sends the pending EXISTS/EXPUNGE/FETCH of the selected mailbox (RFC 9051 §7: NOOP, IDLE, ...). */
    public Mono<Void> reportChanges() {
        return changes.report(true);
    }

    /**
     * This session put a message into {@code mailbox} (APPEND, COPY): if it is the selected one, EXISTS
     * goes out before the tagged answer (RFC 3501 §6.3.11 SHOULD), within the watermark rule.
     */
    public Mono<Void> reportArrival(ObjectId mailbox, long uid) {
        if (selected == null || !selected.id().equals(mailbox)) {
            return Mono.empty();
        }
        changes.arrived(uid);
        return changes.report(false);
    }

    /** IDLE: report changes as they arrive, until {@code stopIdle}; the IDLE timeout applies meanwhile. */
    public void startIdle() {
        // News pushed from now on goes out as it comes, not with a tagged line.
        release();
        context.idleTimeout(services.settings().idleCommandTimeout());
        changes.startLive();
    }

    /** Completes when no report of the IDLE is still being written. */
    public Mono<Void> stopIdle() {
        context.idleTimeout(services.settings().idleTimeout());
        return changes.stopLive();
    }

    /**
     * Hands the next client line to {@code reader} instead of the command parser (IDLE's DONE,
     * AUTHENTICATE's responses); the reader's {@code true} ends the takeover.
     */
    public void readLines(Function<String, Mono<Boolean>> reader) {
        lineReader = reader;
    }

    Function<String, Mono<Boolean>> lineReader() {
        return lineReader;
    }

    void releaseLineReader() {
        lineReader = null;
    }

    void close() {
        closed = true;
        releaseSlot();
        state = SessionState.LOGOUT;
        changes.close();
        if (subscription != null) {
            subscription.close();
        }
    }

    private void releaseSlot() {
        ConnectionSlots.Slot held = slot.getAndSet(null);
        if (held != null) {
            held.release().onErrorResume(error -> Mono.empty()).subscribe();
        }
    }
}
