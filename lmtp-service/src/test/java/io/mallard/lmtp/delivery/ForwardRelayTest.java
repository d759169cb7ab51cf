package io.mallard.lmtp.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.mallard.lmtp.support.LmtpClient;
import io.mallard.lmtp.support.LmtpServer;
import io.mallard.model.store.MongoStore;
import io.mallard.model.testing.SmtpSink;

/**
 * A forwarded-only address: the 250 comes once the copy is queued in MongoDB; the worker hands it
 * to the relay, retries through the relay's temporary failures, and removes it once accepted.
 */
@Timeout(60)
class ForwardRelayTest {

    @TempDir
    Path dataDir;

    @Test
    void forwardIsQueuedThenRelayedWithRetriesAndLeavesTheQueue() throws Exception {
        BlockingQueue<String> posted = new LinkedBlockingQueue<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        try (SmtpSink sink = new SmtpSink(2);
             LmtpServer server = new LmtpServer(dataDir, "mallard.relay.host=127.0.0.1",
                     "mallard.relay.port=" + sink.port(), "mallard.relay.poll=100ms", "mallard.relay.first-retry=100ms")) {
            server.forwarded("team@example.com", "a@elsewhere.example", "b@elsewhere.example",
                    "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
            try (LmtpClient client = new LmtpClient(server.address())) {
                client.line();
                client.send("LHLO mta\r\n").reply();
                client.send("MAIL FROM:<boss@example.net>\r\nRCPT TO:<team@example.com>\r\nDATA\r\n");
                client.replies(3);
                client.send("Subject: to the team\r\nMessage-ID: <fwd@example.net>\r\n\r\n..dotted line\r\n..\r\n.\r\n");
                assertThat(client.line()).isEqualTo("250 2.1.5 <team@example.com> Queued for forwarding");
            }

            SmtpSink.Received relayed = sink.received().poll(20, TimeUnit.SECONDS);
            assertThat(relayed).isNotNull();
            assertThat(sink.refused()).isEqualTo(2);
            assertThat(relayed.from()).isEqualTo("boss@example.net");
            assertThat(relayed.to()).containsExactly("a@elsewhere.example", "b@elsewhere.example");
            assertThat(relayed.data()).contains("Delivered-To: team@example.com\r\n", "Subject: to the team\r\n")
                    .endsWith("\r\n.dotted line\r\n.\r\n");
            long left = Long.MAX_VALUE;
            for (int i = 0; i < 50 && left > 0; i++) {
                left = reactor.core.publisher.Mono.from(server.bean(MongoStore.class).database()
                        .getCollection("outbound").countDocuments()).block();
                Thread.sleep(100);
            }
            assertThat(left).isZero();
            assertThat(sink.received().poll(500, TimeUnit.MILLISECONDS)).as("sent once").isNull();
            assertThat(posted.poll(10, TimeUnit.SECONDS)).contains("Subject: to the team");
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void forwardsOverTheAddressDailyLimitAreDeferred() {
        try (LmtpServer server = new LmtpServer(dataDir)) {
            server.forwarded("limited@example.com", 2, "x@elsewhere.example");
            try (LmtpClient client = new LmtpClient(server.address())) {
                client.line();
                client.send("LHLO mta\r\n").reply();
                for (int i = 0; i < 3; i++) {
                    client.send("MAIL FROM:<s@example.net>\r\nRCPT TO:<limited@example.com>\r\nBDAT 12 LAST\r\n"
                            + "Subject: " + i + "\r\n");
                    List<String> replies = client.replies(3);
                    assertThat(replies.get(2)).isEqualTo(i < 2
                            ? "250 2.1.5 <limited@example.com> Queued for forwarding"
                            : "450 4.2.1 <limited@example.com> Forwarding rate limit reached, try again later");
                }
            }
        }
    }
}
