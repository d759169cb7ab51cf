package io.mallard.pop3.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscription;

import io.mallard.pop3.codec.DotStuffer;
import io.mallard.pop3.session.Pop3Replies;
import io.mallard.pop3.support.Pop3Client;
import io.mallard.protocol.codec.Frame;
import io.mallard.protocol.codec.Line;
import io.mallard.protocol.server.ProtocolServer;
import io.mallard.protocol.server.ProtocolSession;
import io.mallard.protocol.server.ServerConfig;
import io.mallard.protocol.server.SessionContext;
import reactor.core.publisher.Flux;

/**
 * A streamed response keeps its order when part of its content arrives on a store thread while
 * the event loop is still subscribing to it. The benchmark once caught this: Reactor's concat,
 * which goes on from piece to piece on whichever thread is in its drain loop, received a GridFS
 * chunk on a driver thread while the event loop was still subscribing to that piece, then went on
 * with the next, inline piece on the event loop; the chunk, written from the driver thread, was
 * queued behind the terminator the event loop wrote directly, and reached the client as the answer
 * to its next command. Here the middle piece is always answered that way, over a real server
 * socket: with the writes not confined to the event loop, the first response already comes apart.
 */
@Timeout(30)
class StreamedResponseOrderTest {

    private static final int RESPONSES = 20;

    @Test
    void contentFromAStoreThreadStaysInsideItsResponse() {
        ProtocolServer server = new ProtocolServer(ServerConfig.builder("pop3")
                .replies(new Pop3Replies("order.test"))
                .sessions(info -> new StreamingSession())
                .build());
        try (Pop3Client client = new Pop3Client(server.start())) {
            assertThat(client.readLine()).startsWith("+OK");
            for (int n = 1; n <= RESPONSES; n++) {
                client.send("RETR " + n);
                assertThat(client.readLine()).as("status %d", n).isEqualTo("+OK message " + n + " follows");
                assertThat(body(client)).as("message %d", n).isEqualTo(head(n) + middle(n) + tail(n));
            }
        } finally {
            server.shutdown(Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
        }
    }

    /** Answers "RETR n" with message n as RETR streams it: head and tail inline, the middle from a store thread. */
    private static final class StreamingSession implements ProtocolSession {

        @Override
        public void onFrame(Frame frame, SessionContext context) {
            String command = new String(((Line) frame).content(), StandardCharsets.US_ASCII).strip();
            int n = Integer.parseInt(command.substring("RETR ".length()));
            // As the content store assembles a message: its pieces in order.
            Flux<ByteBuffer> content = Flux.concat(List.of(Flux.just(bytes(head(n))), fromStoreThread(bytes(middle(n))),
                    Flux.just(bytes(tail(n)))));
            StreamedResponse.send(context, "+OK message " + n + " follows", content, DotStuffer.whole(), octets -> { })
                    .subscribe();
        }
    }

    /**
     * One chunk, emitted and completed on a thread of its own while the {@code request} that asked
     * for it waits: a store whose answer came back before the subscribing call returned.
     */
    private static Flux<ByteBuffer> fromStoreThread(ByteBuffer chunk) {
        return Flux.from(subscriber -> subscriber.onSubscribe(new Subscription() {
            private boolean answered;

            @Override
            public void request(long n) {
                if (answered) {
                    return;
                }
                answered = true;
                Thread store = new Thread(() -> {
                    subscriber.onNext(chunk);
                    subscriber.onComplete();
                }, "store");
                store.start();
                try {
                    store.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void cancel() {
            }
        }));
    }

    private static String head(int n) {
        return "Subject: message " + n + "\r\n\r\n";
    }

    private static String middle(int n) {
        return ("body line of message " + n + "\r\n").repeat(200);
    }

    private static String tail(int n) {
        return "last line of message " + n + "\r\n";
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    }

    /** The lines up to the terminator, unstuffed (RFC 1939 §3). */
    private static String body(Pop3Client client) {
        StringBuilder text = new StringBuilder();
        for (String line = client.readLine(); !".".equals(line); line = client.readLine()) {
            assertThat(line).as("terminator before end of stream").isNotNull();
            text.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return text.toString();
    }
}
