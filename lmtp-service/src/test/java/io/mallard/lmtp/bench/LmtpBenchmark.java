package io.mallard.lmtp.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.lmtp.support.LmtpServer;

/**
 * Not a timed test: throughput of the real service on the embedded store, driven by the shared
 * {@code lmtp-load.py} (the same client the Dovecot reference numbers come from). Run with
 * {@code -Dlmtp.bench=true -Dtest=LmtpBenchmark}; the reference Dovecot runs beside it with
 * {@code ../shared/tools/dovecot-ref.sh start} and the same commands on port 10024.
 */
@EnabledIfSystemProperty(named = "lmtp.bench", matches = "true")
class LmtpBenchmark {

    private static final Path LOAD = Path.of(System.getProperty("lmtp.bench.load", "../../../shared/tools/lmtp-load.py"));

    @TempDir
    Path dataDir;

    @Test
    void deliveriesPerSecond() throws Exception {
        String[] extra = System.getProperty("lmtp.bench.properties", "").isBlank()
                ? new String[0] : System.getProperty("lmtp.bench.properties").split(",");
        try (LmtpServer server = new LmtpServer(dataDir, extra)) {
            for (int i = 1; i <= 100; i++) {
                server.user("user" + i, "user" + i + "@bench.example");
            }
            int port = server.address().getPort();
            int count = Integer.getInteger("lmtp.bench.count", 2000);
            for (List<String> run : List.of(List.of("1", "2000"), List.of("8", "2000"), List.of("1", "100000"),
                    List.of("8", "100000"))) {
                int messages = run.get(1).equals("2000") ? count : count / 4;
                Process load = new ProcessBuilder("python3", LOAD.toAbsolutePath().normalize().toString(), "--port",
                        String.valueOf(port), "-n", String.valueOf(messages), "-k", run.get(0), "--users", "100",
                        "--domain", "bench.example", "--size", run.get(1), "--max-secs", "120")
                        .redirectErrorStream(true).start();
                load.waitFor(150, TimeUnit.SECONDS);
                System.out.println("BENCH " + new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }
}
