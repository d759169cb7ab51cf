package io.mallard.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A raw request body (message uploads) read into memory up to a limit. Past the limit the rest is
 * read and dropped rather than left unread: answering while the client is still sending makes the
 * server close a socket with unread data, the kernel then resets the connection, and the client
 * sees "connection reset" instead of the 400 that says why.
 */
public final class BoundedBody {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final long limit;
    private boolean over;

    private BoundedBody(long limit) {
        this.limit = limit;
    }

    /** The body's bytes; 400 when it is empty or larger than {@code limit}. */
    public static Mono<byte[]> read(ServerHttpRequest request, long limit, String what) {
        return request.getBody()
                .reduce(new BoundedBody(limit), BoundedBody::append)
                .defaultIfEmpty(new BoundedBody(limit))
                .map(body -> {
                    if (body.over) {
                        throw ApiException.invalidInput(what + " is larger than " + limit + " bytes");
                    }
                    if (body.bytes.size() == 0) {
                        throw ApiException.invalidInput(what + " is empty");
                    }
                    return body.bytes.toByteArray();
                });
    }

    /**
     * The body streamed as it arrives, for bodies too large to hold; fails with 400 at its end when
     * it was empty or went past {@code limit}. Past the limit nothing more is passed on, but the
     * rest is still read (see above), so what the consumer wrote is at most {@code limit} bytes.
     */
    public static Flux<ByteBuffer> stream(ServerHttpRequest request, long limit, String what) {
        long[] total = {0};
        return request.getBody()
                .concatMap(buffer -> {
                    try {
                        total[0] += buffer.readableByteCount();
                        if (total[0] > limit) {
                            return Mono.<ByteBuffer>empty();
                        }
                        byte[] copy = new byte[buffer.readableByteCount()];
                        buffer.read(copy);
                        return Mono.just(ByteBuffer.wrap(copy));
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .concatWith(Mono.defer(() -> total[0] > limit
                        ? Mono.error(ApiException.invalidInput(what + " is larger than " + limit + " bytes"))
                        : total[0] == 0 ? Mono.error(ApiException.invalidInput(what + " is empty")) : Mono.empty()));
    }

    private BoundedBody append(DataBuffer buffer) {
        try {
            int length = buffer.readableByteCount();
            if (!over && bytes.size() + (long) length <= limit) {
                byte[] chunk = new byte[length];
                buffer.read(chunk);
                bytes.write(chunk, 0, length);
            } else if (!over) {
                over = true;
                // Nothing of an over-limit body is kept.
                bytes.reset();
            }
            return this;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
