package io.mallard.imap.codec;

import java.io.ByteArrayOutputStream;

import io.mallard.protocol.codec.ContentChunk;
import io.mallard.protocol.codec.ContentEnd;
import io.mallard.protocol.codec.Frame;
import io.mallard.protocol.codec.ImapLiteralDetector;
import io.mallard.protocol.codec.Line;
import io.mallard.protocol.codec.LineTooLong;
import io.mallard.protocol.codec.LiteralStart;
import io.mallard.protocol.codec.LiteralTooBig;

/**
 * Joins the frames of one command — its line parts and the literals between them — into the
 * octets {@link Tokenizer} reads, bounded by {@code maxCommandSize} so that no client can make a
 * connection hold more than that. Pure: the caller sends the continuation it is told to.
 */
public final class CommandAssembler {

    /** What the caller does after a frame. */
    public sealed interface Step {
    }

    /** Nothing to do yet. */
    public record Pending() implements Step {
    }

    /** Send {@code + Ready}: a synchronizing literal waits for it (RFC 9051 §7.5). */
    public record Continue() implements Step {
    }

    /** A whole command. */
    public record Complete(byte[] command) implements Step {
    }

    /**
     * The command cannot be taken: {@code tag} (or {@code *}) gets the answer. {@code tooBig}
     * distinguishes an oversized literal ({@code [TOOBIG]}, RFC 7888 §4) from a line too long.
     */
    public record Refused(String tag, boolean tooBig, String reason) implements Step {
    }

    private static final Pending PENDING = new Pending();
    private static final Continue CONTINUE = new Continue();

    private final long maxCommandSize;
    private final ImapLiteralDetector literals = new ImapLiteralDetector();
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean discardRestOfCommand;
    private Step deferredRefusal;

    public CommandAssembler(long maxCommandSize) {
        this.maxCommandSize = maxCommandSize;
    }

    public Step accept(Frame frame) {
        if (frame instanceof Line line) {
            return line(line);
        }
        if (frame instanceof LiteralStart start) {
            return literalStart(start);
        }
        if (frame instanceof ContentChunk chunk) {
            if (!discardRestOfCommand) {
                buffer.writeBytes(chunk.data());
            }
            return PENDING;
        }
        if (frame instanceof ContentEnd) {
            return PENDING;
        }
        if (frame instanceof LiteralTooBig tooBig) {
            Step refused = refuse(true, "Literal too big");
            // A non-synchronizing literal's line continues after the discarded octets.
            discardRestOfCommand = !tooBig.synchronizing();
            return refused;
        }
        return refuse(false, frame instanceof LineTooLong ? "Line too long" : "Unexpected data");
    }

    private Step line(Line line) {
        byte[] content = line.content();
        boolean continues = literals.detect(content) != null;
        if (discardRestOfCommand) {
            discardRestOfCommand = continues;
            Step refused = continues || deferredRefusal == null ? PENDING : deferredRefusal;
            deferredRefusal = continues ? deferredRefusal : null;
            return refused;
        }
        if (buffer.size() + (long) content.length > maxCommandSize) {
            Step refused = refuse(false, "Command too long");
            if (continues) {
                discardRestOfCommand = true;
                deferredRefusal = refused;
                return PENDING;
            }
            return refused;
        }
        buffer.writeBytes(content);
        if (continues) {
            buffer.writeBytes(new byte[] {'\r', '\n'});
            return PENDING;
        }
        byte[] command = buffer.toByteArray();
        buffer = new ByteArrayOutputStream();
        return new Complete(command);
    }

    private Step literalStart(LiteralStart start) {
        if (!discardRestOfCommand && buffer.size() + start.size() > maxCommandSize) {
            // The decoder already expects the octets: take them, drop them, answer at the command's end.
            deferredRefusal = refuse(true, "Command too big");
            discardRestOfCommand = true;
        }
        return start.synchronizing() ? CONTINUE : PENDING;
    }

    private Step refuse(boolean tooBig, String reason) {
        String tag = tagOf(buffer.toByteArray());
        buffer = new ByteArrayOutputStream();
        return new Refused(tag, tooBig, reason);
    }

    private static String tagOf(byte[] partial) {
        int end = 0;
        while (end < partial.length && partial[end] > ' ' && partial[end] != '(' && partial[end] != '{') {
            end++;
        }
        return end == 0 ? "*" : new String(partial, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
