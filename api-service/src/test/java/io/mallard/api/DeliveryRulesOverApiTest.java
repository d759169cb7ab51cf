package io.mallard.api;

import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;


import io.mallard.lmtp.LmtpApplication;
import io.mallard.model.testing.SmtpSink;
import io.mallard.model.user.User;
import io.mallard.protocol.server.ProtocolListeners;

/**
 * A filter and an autoreply set over the API take effect on the next LMTP delivery: the real LMTP
 * service runs beside the API on the same stores (as in the standalone JVM) and mail arrives over
 * a socket.
 */
class DeliveryRulesOverApiTest {

    static final ApiServer server = ApiServer.shared();
    static ConfigurableApplicationContext lmtp;

    @BeforeAll
    static void startLmtp() {
        lmtp = LmtpApplication.builder().parent(server.context)
                .properties("mallard.lmtp.port=0", "mallard.hostname=mx.mallard.test").run();
    }

    @AfterAll
    static void stopLmtp() {
        lmtp.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void filterAndAutoreplyFromTheApiShapeTheNextDelivery() throws IOException, InterruptedException {
        User tess = server.user("tess");
        String token = server.token(tess);
        String archive = FilterResourceTest.mailbox(token, "Archive");
        server.post(token, map("query", map("subject", "quarterly report"), "action", map("seen", true, "flag", true,
                "mailbox", archive)), "/users/me/filters").exchange().expectStatus().isOk();
        server.put(token, map("status", true, "name", "Tess", "text", "On leave"), "/users/me/autoreply").exchange()
                .expectStatus().isOk();

        assertThat(deliver("boss@corp.example", tess.username() + "@example.com", "Quarterly Report Q3"))
                .startsWith("250 ");

        Map<String, Object> archived = server.get(token, "/users/me/mailboxes/{m}/messages", archive).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        List<Map<String, Object>> results = (List<Map<String, Object>>) archived.get("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("subject")).isEqualTo("Quarterly Report Q3");
        assertThat(results.get(0).get("seen")).isEqualTo(true);
        assertThat(results.get(0).get("flagged")).isEqualTo(true);
        server.get(token, "/users/me/mailboxes/{m}/messages", server.inbox(tess.id())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.results.length()").isEqualTo(0);

        // The autoreply leaves through the outbound queue to the relay, addressed to the sender.
        SmtpSink.Received reply = server.relayedTo("boss@corp.example");
        assertThat(reply).as("autoreply relayed").isNotNull();
        assertThat(reply.data()).contains("On leave");
    }

    /** One LMTP transaction (RFC 2033 §4.1); the per-recipient reply to DATA. */
    private static String deliver(String from, String to, String subject) throws IOException {
        InetSocketAddress address = lmtp.getBean(ProtocolListeners.class).servers().get(0).address();
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("220 ");
            out.write("LHLO mta.example\r\n".getBytes(StandardCharsets.US_ASCII));
            String line;
            do {
                line = in.readLine();
            } while (line.startsWith("250-"));
            out.write(("MAIL FROM:<" + from + ">\r\nRCPT TO:<" + to + ">\r\nDATA\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("250 ");
            assertThat(in.readLine()).startsWith("250 ");
            assertThat(in.readLine()).startsWith("354 ");
            out.write(("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject
                    + "\r\nMessage-ID: <q3@corp.example>\r\n\r\nFigures attached.\r\n.\r\n").getBytes(StandardCharsets.UTF_8));
            return in.readLine();
        }
    }
}
