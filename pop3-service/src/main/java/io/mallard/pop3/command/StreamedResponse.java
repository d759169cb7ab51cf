package io.mallard.pop3.command;

import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

import org.reactivestreams.Subscription;

import io.mallard.pop3.codec.DotStuffer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Streams stored content to the socket with back-pressure: one chunk is requested from the store
 * at a time, and the next only once the channel is writable again (or the last write has left),
 * so a slow reader holds at most a chunk and Netty's high-water mark in memory, never the message.
 * The Mono completes when the terminator has been flushed.
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

    /** @param sent told the octets of each chunk handed to the socket */
    static Mono<Void> send(Channel channel, Flux<ByteBuffer> content, DotStuffer stuffer, LongConsumer sent) {
        return Mono.create(sink -> {
            StreamedResponse response = new StreamedResponse(channel, stuffer, sent, sink);
            sink.onCancel(response);
            content.subscribe(response);
        });
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
        ChannelFuture written = channel.writeAndFlush(out);
        if (stuffer.done()) {
            cancel();
            finish();
            return;
        }
        if (channel.isWritable()) {
            written.addListener(future -> failOn(future.cause()));
            request(1);
        } else {
            written.addListener(future -> {
                if (future.isSuccess()) {
                    request(1);
                } else {
                    failOn(future.cause());
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
        channel.writeAndFlush(end).addListener(future -> {
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
