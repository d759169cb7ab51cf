package io.mallard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone platform as an operator runs it: its own JVM, every listener open and greeting
 * (the implicit-TLS ports with the self-signed certificate of a fresh install), and a SIGTERM
 * that stops the services before the stores, leaving a process that exits on its own.
 */
class StandaloneShutdownTest {

    static final List<Integer> PORTS = List.of(1143, 1993, 1110, 1995, 2424, 8080, 8081, 8082, 8083);

    @TempDir
    Path dataDir;

    @Test
    void startsEveryListenerAndStopsCleanlyOnSigterm() throws Exception {
        Path log = dataDir.resolve("standalone.log");
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                StandaloneApplication.class.getName(),
                "--mallard.data.dir=" + dataDir.resolve("data"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            awaitListening(process, Duration.ofSeconds(90));
            assertThat(Greeting.plain(1143)).startsWith("* OK ");
            assertThat(Greeting.overTls(1993)).startsWith("* OK ");
            assertThat(Greeting.plain(1110)).startsWith("+OK ");
            assertThat(Greeting.overTls(1995)).startsWith("+OK ");
            assertThat(Greeting.plain(2424)).startsWith("220 ");

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();

            String output = Files.readString(log);
            assertThat(output).contains("Mallard standalone started");
            // The stores close last, after every service context.
            assertThat(output).contains("Commencing graceful shutdown", "Stores closed");
            assertThat(output.lastIndexOf("Stores closed"))
                    .isGreaterThan(output.lastIndexOf("Commencing graceful shutdown"));
            for (int port : PORTS) {
                assertThat(accepts(port)).as("port %d closed", port).isFalse();
            }
        } finally {
            process.destroyForcibly();
        }
    }

    private static void awaitListening(Process process, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!PORTS.stream().allMatch(StandaloneShutdownTest::accepts)) {
            assertThat(process.isAlive()).as("standalone process alive").isTrue();
            assertThat(System.nanoTime()).as("listening within %s", limit).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
