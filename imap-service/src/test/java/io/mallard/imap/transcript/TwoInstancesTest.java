package io.mallard.imap.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.imap.support.TestServer;
import io.mallard.model.store.embedded.EmbeddedMongoServer;
import io.mallard.model.store.embedded.EmbeddedRedisServer;

/**
 * Two imap-service instances on different ports sharing one MongoDB and one Redis: a client idling
 * on one sees, within a second of its being stored, an APPEND made through the other (journal + Redis pub/sub).
 */
@Timeout(90)
class TwoInstancesTest {

    @TempDir
    Path dataDir;

    @Test
    void idleOnOneInstanceSeesAppendOnTheOther() throws Exception {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir.resolve("mongo"));
                EmbeddedRedisServer redis = EmbeddedRedisServer.start(dataDir.resolve("redis"));
                TestServer first = TestServer.start(dataDir.resolve("a"), "mallard.mongo.uri=" + mongo.connectionString(),
                        "mallard.redis.uri=" + redis.uri());
                TestServer second = TestServer.start(dataDir.resolve("b"), "mallard.mongo.uri=" + mongo.connectionString(),
                        "mallard.redis.uri=" + redis.uri());
                Socket idler = new Socket("127.0.0.1", first.port());
                Socket appender = new Socket("127.0.0.1", second.port())) {
            first.user("shared");
            BufferedReader idleIn = reader(idler);
            send(idler, "a1 LOGIN shared \"" + TestServer.PASSWORD + "\"", "a2 SELECT INBOX", "a3 IDLE");
            awaitPrefix(idleIn, "+ ");

            BufferedReader appendIn = reader(appender);
            send(appender, "b1 LOGIN shared \"" + TestServer.PASSWORD + "\"");
            awaitPrefix(appendIn, "b1 OK ");
            send(appender, "b2 APPEND INBOX {19+}", "Subject: hi\r\n\r\nbody");
            awaitPrefix(appendIn, "b2 OK [APPENDUID ");
            assertThat(idleIn.readLine()).isEqualTo("* 1 EXISTS");
            // Timed on a second delivery, from the moment it is stored (its tagged OK), so that the clock
            // measures the notification across instances, not a cold first ingest on a busy machine.
            send(appender, "b3 APPEND INBOX {19+}", "Subject: hi\r\n\r\nbody");
            awaitPrefix(appendIn, "b3 OK [APPENDUID ");
            long stored = System.nanoTime();
            assertThat(idleIn.readLine()).isEqualTo("* 2 EXISTS");
            assertThat((System.nanoTime() - stored) / 1_000_000).as("reported within a second").isLessThan(1000);
            send(idler, "DONE");
            assertThat(idleIn.readLine()).isEqualTo("a3 OK IDLE terminated");
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
