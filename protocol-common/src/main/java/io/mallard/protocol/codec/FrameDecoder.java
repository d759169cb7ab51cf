package io.mallard.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Turns the inbound byte stream into {@link Frame}s: lines, literals and raw blocks, with every
 * buffer bounded by {@link FrameLimits} whatever the client sends.
 *
 * <p>After a {@link Line} the decoder returns, so the frame reaches the session before the next
 * bytes are decoded: a session that must switch mode after a line ({@link #expectBytes},
 * {@link #expectDotBlock}, {@link #dropInput}) calls this decoder from its frame callback, on the
 * event loop, before returning. A session that handles commands asynchronously calls
 * {@link #pause()} instead and {@link #resume()} once done, so it sees one command at a time and
 * may switch mode in between; frames decoded before the pause are still delivered.
 *
 * <p>Refused literals (RFC 7888 §4 and §5). A synchronizing literal over the limit is answered
 * without a continuation request, so a conforming client sends none of its octets: the decoder
 * consumes nothing and stays in line mode. A non-synchronizing literal's octets are already on the
 * wire and cannot be told apart from commands, so the decoder discards exactly that many octets,
 * streaming (no buffer), then resumes line mode. The rest of the refused command follows as lines;
 * the session ignores them up to the end of that command, or closes the connection when it does
 * not want to wait for a large discard. Parsing those octets as commands is never an option: that
 * would let message content forge commands.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    /** What the next octets are. */
    public enum State {
        /** A command line, up to LF. */
        LINE,
        /** The rest of a too-long line, thrown away up to LF. */
        DISCARD_LINE,
        /** Counted octets delivered as chunks: a literal or a BDAT block. */
        LITERAL,
        /** Counted octets thrown away: a refused non-synchronizing literal. */
        SKIP,
        /** SMTP/LMTP DATA content up to CRLF.CRLF (RFC 5321 §4.1.1.4). */
        DOT_BLOCK,
        /** Everything thrown away: plaintext received while STARTTLS is in progress. */
        DROP
    }

    private final FrameLimits limits;
    private final LiteralDetector detector;
    private final DotBlockReader dotBlock;
    private State state = State.LINE;
    private long remaining;
    private ChannelHandlerContext context;
    private boolean paused;

    public FrameDecoder(FrameLimits limits, LiteralDetector detector) {
        this.limits = limits;
        this.detector = detector;
        this.dotBlock = new DotBlockReader(limits.maxChunkSize());
    }

    public State state() {
        return state;
    }

    /** Octets held while waiting for the rest of a frame; bounded by the line limit. */
    public int bufferedBytes() {
        return internalBuffer().readableBytes();
    }

    /** The next {@code size} octets are content (LMTP BDAT, RFC 3030 §2): chunks, then an end. */
    public void expectBytes(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("a counted block has at least one octet: " + size);
        }
        remaining = size;
        state = State.LITERAL;
    }

    /** What follows is DATA content, dot-stuffed and ended by CRLF.CRLF, at most {@code maxSize} octets. */
    public void expectDotBlock(long maxSize) {
        dotBlock.start(maxSize);
        state = State.DOT_BLOCK;
    }

    /**
     * Stops decoding and reading the socket, e.g. while a command runs on another thread. At most
     * one more read's worth of octets gets buffered. Event loop only.
     */
    public void pause() {
        paused = true;
        context.channel().config().setAutoRead(false);
    }

    /** Decodes what was buffered while paused and reads the socket again. Event loop only. */
    public void resume() {
        if (!paused) {
            return;
        }
        paused = false;
        context.channel().config().setAutoRead(true);
        // Not re-entrant: the caller may be inside this decoder's own frame delivery.
        context.executor().execute(() -> {
            if (!paused && !context.isRemoved()) {
                try {
                    channelRead(context, Unpooled.EMPTY_BUFFER);
                } catch (Exception e) {
                    context.fireExceptionCaught(e);
                }
            }
        });
    }

    /**
     * Throws away what is buffered and everything that arrives until {@link #lineMode()}: used by
     * STARTTLS, after which plaintext pipelined before the handshake must never be executed
     * (RFC 3207 §4.2, RFC 9051 §6.2.1).
     */
    public void dropInput() {
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
        state = State.DROP;
    }

    /**
     * Back to line mode, e.g. once the TLS handler sits in front of this decoder. Ends a
     * {@link #dropInput()} by discarding what was buffered meanwhile (possible while paused).
     */
    public void lineMode() {
        if (state == State.DROP) {
            ByteBuf buffered = internalBuffer();
            buffered.skipBytes(buffered.readableBytes());
        }
        state = State.LINE;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        context = ctx;
        super.handlerAdded(ctx);
    }

    /** While paused, does not ask for more input as the base class would when nothing was decoded. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (paused) {
            discardSomeReadBytes();
            ctx.fireChannelReadComplete();
        } else {
            super.channelReadComplete(ctx);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // Dropping wins over pausing: plaintext read during STARTTLS must go even if nobody resumes.
        if (state == State.DROP) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (paused) {
            return;
        }
        switch (state) {
            case LINE -> decodeLine(in, out);
            case DISCARD_LINE -> discardLine(in);
            case LITERAL -> decodeLiteral(in, out);
            case SKIP -> skip(in);
            case DOT_BLOCK -> {
                if (dotBlock.read(in, out)) {
                    state = State.LINE;
                }
            }
        }
    }

    private void decodeLine(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int window = (int) Math.min(in.readableBytes(), limits.maxLineLength() + 2L);
        int lf = in.indexOf(start, start + window, (byte) '\n');
        if (lf < 0) {
            if (window == limits.maxLineLength() + 2L) {
                in.skipBytes(window);
                state = State.DISCARD_LINE;
                out.add(new LineTooLong(limits.maxLineLength()));
            }
            return;
        }
        boolean crlf = lf > start && in.getByte(lf - 1) == '\r';
        int length = lf - start - (crlf ? 1 : 0);
        if (length > limits.maxLineLength()) {
            in.readerIndex(lf + 1);
            out.add(new LineTooLong(limits.maxLineLength()));
            return;
        }
        byte[] content = new byte[length];
        in.readBytes(content);
        in.readerIndex(lf + 1);
        out.add(new Line(content, crlf));
        LiteralStart literal = detector.detect(content);
        if (literal != null) {
            startLiteral(literal, out);
        }
    }

    private void startLiteral(LiteralStart literal, List<Object> out) {
        if (literal.size() > limits.maxLiteralSize()) {
            out.add(new LiteralTooBig(literal.size(), literal.synchronizing(), limits.maxLiteralSize()));
            if (!literal.synchronizing()) {
                remaining = literal.size();
                state = State.SKIP;
            }
            return;
        }
        out.add(literal);
        if (literal.size() == 0) {
            out.add(new ContentEnd());
        } else {
            remaining = literal.size();
            state = State.LITERAL;
        }
    }

    private void discardLine(ByteBuf in) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            in.skipBytes(in.readableBytes());
        } else {
            in.readerIndex(lf + 1);
            state = State.LINE;
        }
    }

    private void decodeLiteral(ByteBuf in, List<Object> out) {
        int size = (int) Math.min(Math.min(remaining, in.readableBytes()), limits.maxChunkSize());
        byte[] data = new byte[size];
        in.readBytes(data);
        out.add(new ContentChunk(data));
        remaining -= size;
        if (remaining == 0) {
            out.add(new ContentEnd());
            state = State.LINE;
        }
    }

    private void skip(ByteBuf in) {
        int size = (int) Math.min(remaining, in.readableBytes());
        in.skipBytes(size);
        remaining -= size;
        if (remaining == 0) {
            state = State.LINE;
        }
    }
}
