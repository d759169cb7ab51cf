package io.mallard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command: the packaged jar in its own JVM, as an operator starts it. Run by
 * Failsafe after packaging, because only the jar shows what it left out: a library the test
 * classpath had and the jar did not once let every listener but the API's open. Every listener
 * greets (the implicit-TLS ones with the self-signed certificate of a fresh install), a user
 * created through the gateway logs in over IMAP, and SIGTERM stops the services before the
 * stores, leaving a process that exits on its own. The ports are set through the environment, as
 * an operator sets them, on a base no other process holds: two builds on one machine each ran
 * this on the default ports, and one test talked to the other's server.
 */
class StandaloneJarIT {

    static final Path JAR = Path.of("target", "mallard-standalone.jar");
    /** Environment variable and offset from the base of every listener. */
    static final Map<String, Integer> PORTS = Map.of("MALLARD_IMAP_PORT", 143, "MALLARD_IMAP_TLSPORT", 993,
            "MALLARD_POP3_PORT", 110, "MALLARD_POP3_TLSPORT", 995, "MALLARD_LMTP_PORT", 24,
            "MALLARD_HTTP_PORT", 80, "MALLARD_API_PORT", 81, "MALLARD_AUTH_PORT", 82, "MALLARD_ACME_PORT", 83);
    static final String ROOT_TOKEN = "it-root-token-0123456789abcdef";

    @TempDir
    Path dataDir;

    @Test
    void servesEveryProtocolAndStopsCleanlyOnSigterm() throws Exception {
        Path log = dataDir.resolve("standalone.log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "--mallard.data.dir=" + dataDir.resolve("data"), "--mallard.imap.allow-plaintext-login=true")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        int base = freeBase();
        builder.environment().put("MALLARD_ROOT_TOKEN", ROOT_TOKEN);
        PORTS.forEach((variable, offset) -> builder.environment().put(variable, String.valueOf(base + offset)));
        Process process = builder.start();
        try {
            awaitListening(process, log, base, Duration.ofSeconds(120));
            assertThat(Greeting.plain(base + 143)).startsWith("* OK ");
            assertThat(Greeting.overTls(base + 993)).startsWith("* OK ");
            assertThat(Greeting.plain(base + 110)).startsWith("+OK ");
            assertThat(Greeting.overTls(base + 995)).startsWith("+OK ");
            assertThat(Greeting.plain(base + 24)).startsWith("220 ");

            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + (base + 80) + "/users"))
                    .header("X-Access-Token", ROOT_TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"jar\",\"password\":\"jar password\",\"address\":\"jar@example.com\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(imapLogin(base + 143, "jar", "jar password")).startsWith("a1 OK");

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();

            String output = Files.readString(log);
            assertThat(output).contains("Mallard standalone started").doesNotContain("Application run failed");
            // The stores close last, after every service context.
            assertThat(output).contains("Commencing graceful shutdown", "Stores closed");
            assertThat(output.lastIndexOf("Stores closed"))
                    .isGreaterThan(output.lastIndexOf("Commencing graceful shutdown"));
            for (int offset : PORTS.values()) {
                assertThat(accepts(base + offset)).as("port %d closed", base + offset).isFalse();
            }
        } finally {
            // SIGTERM first also after a failure: a SIGKILL leaves the platform's redis-server running.
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** RFC 9051 §6.2.3 LOGIN on the plain port; the tagged reply. */
    private static String imapLogin(int port, String user, String password) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            out.write(("a1 LOGIN " + user + " \"" + password + "\"\r\n").getBytes(StandardCharsets.UTF_8));
            String line;
            do {
                line = in.readLine();
            } while (line != null && line.startsWith("* "));
            return line;
        }
    }

    /** A base whose nine ports nobody listens on. */
    private static int freeBase() {
        for (int attempt = 0; attempt < 20; attempt++) {
            // Below Linux's ephemeral range (32768 and up), where outgoing connections take their local ports.
            int base = ThreadLocalRandom.current().nextInt(100, 310) * 100;
            if (PORTS.values().stream().noneMatch(offset -> accepts(base + offset))) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base found");
    }

    private static void awaitListening(Process process, Path log, int base, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!PORTS.values().stream().allMatch(offset -> accepts(base + offset))) {
            assertThat(process.isAlive()).as("standalone process alive; its log:%n%s", Files.readString(log)).isTrue();
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
