package io.mallard.lmtp.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.lmtp.support.LmtpClient;
import io.mallard.lmtp.support.LmtpServer;
import io.mallard.model.message.Message;
import io.mallard.model.user.User;
import io.mallard.model.watermark.CommitWatermark;

/**
 * A 250 is a promise: a child JVM runs the service on the embedded store, receives deliveries
 * without pause, and is killed with SIGKILL mid-stream. After a restart every acknowledged
 * message is in the mailbox, none twice, and the MTA's retry of the unacknowledged one is stored
 * at most once.
 */
@Timeout(180)
class CrashDurabilityTest {

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedMessageSurvivesKillMinusNineAndNoneIsStoredTwice() throws Exception {
        try (LmtpServer setup = new LmtpServer(dataDir)) {
            setup.user("crash", "crash@example.com");
        }
        int port = freePort();
        List<Integer> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        int lastSent;
        Process child = startChild(port);
        try {
            CompletableFuture<Integer> sender = CompletableFuture.supplyAsync(() -> deliverUntilGone(port, acknowledged));
            waitUntil(() -> acknowledged.size() >= 40, 60_000);
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            lastSent = sender.get(30, TimeUnit.SECONDS);
            System.out.println("crash test: killed after " + acknowledged.size() + " acknowledged deliveries");
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        Process restarted = startChild(port);
        try {
            // The MTA retries what got no 250, exactly as it was.
            try (LmtpClient client = connected(port)) {
                assertThat(send(client, lastSent)).startsWith("250 ");
            }
        } finally {
            restarted.destroy();
            assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).as("clean stop").isTrue();
        }

        try (LmtpServer check = new LmtpServer(dataDir)) {
            User user = check.bean(io.mallard.model.user.UserStore.class).getByUsername("crash").block();
            List<String> expected = acknowledged.stream().map(CrashDurabilityTest::messageId).toList();
            // The kill can leave a UID taken but never written; the retry is stored above that gap, and
            // the watermark passes the gap once its lease has run out twice (CommitWatermark), not at once.
            String retried = messageId(lastSent);
            long deadline = System.currentTimeMillis() + 4 * CommitWatermark.DEFAULT_LEASE.toMillis();
            List<String> stored = storedIds(check, user);
            while (!stored.contains(retried) && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                stored = storedIds(check, user);
            }
            assertThat(stored).doesNotHaveDuplicates().containsAll(expected).contains(retried);
            assertThat(stored.size()).isLessThanOrEqualTo(lastSent + 1);
        }
    }

    private static List<String> storedIds(LmtpServer server, User user) {
        return server.messages(user, "INBOX").stream().map(Message::messageId).toList();
    }

    /** Sends numbered messages until the connection dies; returns the number that got no reply. */
    private static int deliverUntilGone(int port, List<Integer> acknowledged) {
        int next = 0;
        try (LmtpClient client = connected(port)) {
            while (true) {
                String reply = send(client, next);
                if (reply == null || !reply.startsWith("250 ")) {
                    return next;
                }
                acknowledged.add(next);
                next++;
            }
        } catch (UncheckedIOException e) {
            return next;
        }
    }

    private static String send(LmtpClient client, int number) {
        client.send("MAIL FROM:<s@example.net>\r\nRCPT TO:<crash@example.com>\r\nDATA\r\n");
        for (int i = 0; i < 3; i++) {
            String line = client.line();
            if (line == null || line.startsWith("4") || line.startsWith("5")) {
                return line;
            }
        }
        client.send("Message-ID: " + messageId(number) + "\r\nSubject: crash " + number + "\r\n\r\n"
                + "line\r\n".repeat(50) + ".\r\n");
        return client.line();
    }

    private static String messageId(int number) {
        return "<crash-" + number + "@example.net>";
    }

    private static LmtpClient connected(int port) {
        LmtpClient client = new LmtpClient(new InetSocketAddress("127.0.0.1", port));
        client.line();
        client.send("LHLO mta\r\n").reply();
        return client;
    }

    private Process startChild(int port) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.mallard.lmtp.LmtpApplication",
                "--mallard.data.dir=" + dataDir, "--mallard.lmtp.port=" + port,
                "--mallard.hostname=" + LmtpServer.HOST_NAME)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("child.log").toFile()))
                .start();
        waitUntil(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("child died, see " + dataDir.resolve("child.log"));
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }, 90_000);
        return process;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within " + millis + " ms");
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
