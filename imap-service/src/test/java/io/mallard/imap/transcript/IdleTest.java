package io.mallard.imap.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import io.mallard.imap.support.TestServer;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.FlagOperation;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.user.User;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * RFC 2177 IDLE and NOOP reporting what happened elsewhere (another thread standing in for LMTP,
 * the API or another instance, through the journal and Redis): EXISTS for a delivery, FETCH FLAGS
 * for a flag change, EXPUNGE for a removal, each within a second or two.
 */
@Timeout(60)
class IdleTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void idleReportsDeliveriesFlagChangesAndExpungesFromElsewhere() throws Exception {
        User user = server.user("idler");
        Mailbox inbox = server.mailbox(user, "INBOX");
        Message first = server.append(inbox, TestServer.message(1), List.of(), Instant.now());
        MailStorage storage = server.bean(MailStorage.class);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            send(out, "a1 LOGIN idler \"" + TestServer.PASSWORD + "\"");
            await(in, "a1 OK");
            send(out, "a2 SELECT INBOX");
            await(in, "a2 OK");
            send(out, "a3 IDLE");
            assertThat(in.readLine()).startsWith("+ ");

            // Timed from the moment the delivery is stored, so the clock measures the notification path and
            // not the ingest of a message on a busy machine.
            AtomicLong stored = new AtomicLong();
            Thread delivery = new Thread(() -> {
                server.append(inbox, TestServer.message(2), List.of(), Instant.now());
                stored.set(System.nanoTime());
            });
            delivery.start();
            assertThat(in.readLine()).isEqualTo("* 2 EXISTS");
            long seen = System.nanoTime();
            delivery.join(10_000);
            long deliveredMillis = Math.max(0, seen - stored.get()) / 1_000_000;

            storage.flags().update(inbox.id(), List.of(first.uid()), FlagOperation.ADD, List.of("\\Flagged"), -1)
                    .blockLast();
            assertThat(in.readLine()).isEqualTo("* 1 FETCH (UID 1 FLAGS (\\Flagged))");

            storage.messages().delete(inbox.id(), first.uid()).block();
            assertThat(in.readLine()).isEqualTo("* 1 EXPUNGE");

            send(out, "DONE");
            assertThat(in.readLine()).isEqualTo("a3 OK IDLE terminated");
            assertThat(deliveredMillis).as("delivery reported within a second").isLessThan(1000);

            server.append(inbox, TestServer.message(3), List.of(), Instant.now());
            Thread.sleep(300);
            send(out, "a4 NOOP");
            assertThat(in.readLine()).isEqualTo("* 2 EXISTS");
            assertThat(in.readLine()).isEqualTo("a4 OK NOOP completed");
            send(out, "a5 FETCH 1:* UID");
            assertThat(in.readLine()).isEqualTo("* 1 FETCH (UID 2)");
            assertThat(in.readLine()).isEqualTo("* 2 FETCH (UID 3)");
            assertThat(in.readLine()).startsWith("a5 OK");
        }
        MeterRegistry meters = server.bean(MeterRegistry.class);
        // A command's latency is recorded just after its tagged answer went out.
        for (int wait = 0; wait < 40 && meters.find("mallard.imap.commands").tag("command", "FETCH").timer() == null; wait++) {
            Thread.sleep(50);
        }
        assertThat(meters.get("mallard.imap.commands").tag("command", "LOGIN").tag("result", "OK").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("mallard.imap.commands").tag("command", "FETCH").timer().count()).isEqualTo(1);
        assertThat(meters.get("mallard.imap.connections").counter().count()).isGreaterThanOrEqualTo(1);
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void await(BufferedReader in, String prefix) throws Exception {
        String line;
        do {
            line = in.readLine();
            assertThat(line).isNotNull();
        } while (!line.startsWith(prefix));
        assertThat(line).startsWith(prefix);
    }
}
