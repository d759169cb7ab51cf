package io.mallard.pop3.command;

import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

import org.reactivestreams.Subscription;

import io.mallard.pop3.codec.DotStuffer;
import io.mallard.protocol.server.SessionContext;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.core.publisher.MonoSink;

/**
 * Streams a status line and stored content to the socket with back-pressure: one chunk is
 * requested from the store at a time, and once Netty's outbound buffer passes its high-water mark
 * the next only after what is pending has left, so a slow reader holds at most a chunk and that
 * mark in memory, never the message. Writes are flushed at the high-water mark and at the end,
 * so a small message leaves in one segment with its status line and terminator.
 *
 * <p>The Mono completes once the terminator is written, or, when the reader is behind, once it
 * has been flushed: until then the session stays busy and the idle timeout cannot cut it off.
 */
final class StreamedResponse extends BaseSubscriber<ByteBuffer> {

    private final Channel channel;
    private final DotStuffer stuffer;
    private final LongConsumer sent;
    private final MonoSink<Void> done;

    private StreamedResponse(Channel channel, DotStuffer stuffer, LongConsumer sent, MonoSink<Void> done) {
        this.channel = channel;
        this.stuffer = stuffer;
        this.sent = sent;
        this.done = done;
    }

    /** @param sent told the octets of content handed to the socket */
    static Mono<Void> send(SessionContext context, String status, Flux<ByteBuffer> content, DotStuffer stuffer,
            LongConsumer sent) {
        Channel channel = context.channel();
        // Netty keeps the order of writes made on the event loop only: a chunk written from a store
        // thread could otherwise be overtaken by the terminator, and the rest of the message would
        // reach the client as the answer to its next command. Status, chunks and terminator are
        // all written on the channel's event loop, one chunk in flight at a time.
        Scheduler eventLoop = Schedulers.fromExecutor(channel.eventLoop());
        return Mono.<Void>create(sink -> {
            channel.write(context.encode(status)).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
            StreamedResponse response = new StreamedResponse(channel, stuffer, sent, sink);
            sink.onCancel(response);
            content.publishOn(eventLoop, 1).subscribe(response);
        }).subscribeOn(eventLoop);
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        request(1);
    }

    @Override
    protected void hookOnNext(ByteBuffer chunk) {
        // Room for the chunk plus a stuffed dot every few lines; the buffer grows if it must.
        ByteBuf out = channel.alloc().buffer(chunk.remaining() + chunk.remaining() / 64 + 16);
        stuffer.encode(chunk, out);
        sent.accept(out.readableBytes());
        ChannelFuture written = channel.write(out);
        written.addListener(future -> failOn(future.cause()));
        if (stuffer.done()) {
            cancel();
            finish();
        } else if (channel.isWritable()) {
            request(1);
        } else {
            // Past the high-water mark: send what is pending and wait until it has left.
            channel.flush();
            written.addListener(future -> {
                if (future.isSuccess()) {
                    request(1);
                }
            });
        }
    }

    @Override
    protected void hookOnComplete() {
        finish();
    }

    @Override
    protected void hookOnError(Throwable failure) {
        // The +OK line is out: the only honest end is to drop the connection (RFC 1939 has no abort).
        channel.close();
        done.error(failure);
    }

    private void finish() {
        ByteBuf end = channel.alloc().buffer(5);
        stuffer.finish(end);
        sent.accept(end.readableBytes());
        boolean behind = !channel.isWritable();
        ChannelFuture written = channel.writeAndFlush(end);
        if (!behind) {
            written.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            done.success();
            return;
        }
        written.addListener(future -> {
            if (future.isSuccess()) {
                done.success();
            } else {
                done.error(future.cause());
            }
        });
    }

    private void failOn(Throwable cause) {
        if (cause != null) {
            cancel();
            done.error(cause);
        }
    }
}
