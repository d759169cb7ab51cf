package io.mallard.imap.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.imap.support.ImapClient;
import io.mallard.imap.support.TestServer;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.store.embedded.EmbeddedMongoServer;
import io.mallard.model.store.embedded.EmbeddedRedisServer;
import io.mallard.model.user.User;

/**
 * Two imap-service instances on different ports sharing one MongoDB and one Redis: a client idling
 * on one sees, within a second of its being stored, an APPEND made through the other (journal + Redis
 * pub/sub), and CONDSTORE sessions on the two see each other's flag changes with the MODSEQ the changer
 * was told.
 */
@Timeout(120)
class TwoInstancesTest {

    @TempDir
    static Path dataDir;

    private static EmbeddedMongoServer mongo;
    private static EmbeddedRedisServer redis;
    private static TestServer first;
    private static TestServer second;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongoServer.start(dataDir.resolve("mongo"));
        redis = EmbeddedRedisServer.start(dataDir.resolve("redis"));
        first = TestServer.start(dataDir.resolve("a"), "mallard.mongo.uri=" + mongo.connectionString(),
                "mallard.redis.uri=" + redis.uri());
        second = TestServer.start(dataDir.resolve("b"), "mallard.mongo.uri=" + mongo.connectionString(),
                "mallard.redis.uri=" + redis.uri());
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
        redis.close();
        mongo.close();
    }

    @Test
    void idleOnOneInstanceSeesAppendOnTheOther() throws Exception {
        first.user("shared");
        try (Socket idler = new Socket("127.0.0.1", first.port()); Socket appender = new Socket("127.0.0.1", second.port())) {
            BufferedReader idleIn = reader(idler);
            send(idler, "a1 LOGIN shared \"" + TestServer.PASSWORD + "\"", "a2 SELECT INBOX", "a3 IDLE");
            awaitPrefix(idleIn, "+ ");

            BufferedReader appendIn = reader(appender);
            send(appender, "b1 LOGIN shared \"" + TestServer.PASSWORD + "\"");
            awaitPrefix(appendIn, "b1 OK ");
            send(appender, "b2 APPEND INBOX {19+}", "Subject: hi\r\n\r\nbody");
            awaitPrefix(appendIn, "b2 OK [APPENDUID ");
            assertThat(idleIn.readLine()).isEqualTo("* 1 EXISTS");
            // Timed on three more deliveries, each from the moment it is stored (its tagged OK), so that the
            // clock measures the notification across instances, not a cold first ingest; the median is held
            // to a second, so one scheduling stall of a loaded 2-core machine does not decide the result.
            long[] latencies = new long[3];
            for (int i = 0; i < latencies.length; i++) {
                String tag = "b" + (3 + i);
                send(appender, tag + " APPEND INBOX {19+}", "Subject: hi\r\n\r\nbody");
                awaitPrefix(appendIn, tag + " OK [APPENDUID ");
                long stored = System.nanoTime();
                assertThat(idleIn.readLine()).isEqualTo("* " + (2 + i) + " EXISTS");
                latencies[i] = (System.nanoTime() - stored) / 1_000_000;
            }
            Arrays.sort(latencies);
            assertThat(latencies[1]).as("median of %s ms reported within a second", Arrays.toString(latencies))
                    .isLessThan(1000);
            send(idler, "DONE");
            assertThat(idleIn.readLine()).isEqualTo("a3 OK IDLE terminated");
        }
    }

    /**
     * RFC 7162 §3.1.4.2 Example 14: a flag change in one session reaches the other with its MODSEQ.
     * INBOX: MODSEQ 1 is its creation, the two messages 2 and 3.
     */
    @Test
    void condstoreSessionsOnTwoInstancesSeeEachOthersFlagChangesWithTheirModseq() {
        User user = first.user("condstore");
        Mailbox inbox = first.mailbox(user, "INBOX");
        first.append(inbox, TestServer.message(1), List.of(), Instant.now());
        first.append(inbox, TestServer.message(2), List.of(), Instant.now());
        try (ImapClient one = new ImapClient(first.port()).login("condstore");
                ImapClient two = new ImapClient(second.port()).login("condstore")) {
            one.send("a1 SELECT INBOX (CONDSTORE)").skipTo("\\* OK \\[HIGHESTMODSEQ 3\\] .*");
            one.skipTo("a1 OK .*");
            two.send("b1 SELECT INBOX (CONDSTORE)").skipTo("\\* OK \\[HIGHESTMODSEQ 3\\] .*");
            two.skipTo("b1 OK .*");
            two.send("b2 IDLE").expect("\\+ .*");

            one.send("a2 STORE 1 +FLAGS.SILENT (\\Flagged)").expect("\\* 1 FETCH \\(UID 1 MODSEQ \\(4\\)\\)");
            one.expect("a2 OK \\[HIGHESTMODSEQ 4\\] STORE completed"); // its own change, right above 3
            two.expect("\\* 1 FETCH \\(UID 1 FLAGS \\(\\\\Flagged\\) MODSEQ \\(4\\)\\)");
            two.send("DONE").expect("b2 OK \\[HIGHESTMODSEQ 4\\] IDLE terminated");

            two.send("b3 UID STORE 1 (UNCHANGEDSINCE 4) -FLAGS (\\Flagged)")
                    .expect("\\* 1 FETCH \\(UID 1 FLAGS \\(\\) MODSEQ \\(5\\)\\)");
            two.expect("b3 OK \\[HIGHESTMODSEQ 5\\] UID STORE completed");
            // The first session's condition fails now: told the current state, and MODIFIED.
            one.send("a3 STORE 1 (UNCHANGEDSINCE 4) +FLAGS (\\Seen)").expect("\\* 1 FETCH \\(UID 1 FLAGS \\(\\) MODSEQ \\(5\\)\\)");
            one.expect("\\* OK \\[HIGHESTMODSEQ 4\\] .*");
            one.expect("a3 OK \\[MODIFIED 1\\] .*");
            one.send("a4 NOOP").expect("a4 OK \\[HIGHESTMODSEQ 5\\] NOOP completed");
        }
    }

    private static BufferedReader reader(Socket socket) throws Exception {
        socket.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).startsWith("* OK");
        return in;
    }

    private static void send(Socket socket, String... lines) throws Exception {
        OutputStream out = socket.getOutputStream();
        for (String line : lines) {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private static void awaitPrefix(BufferedReader in, String prefix) throws Exception {
        String line;
        do {
            line = in.readLine();
            assertThat(line).isNotNull();
        } while (!line.startsWith(prefix));
    }
}
