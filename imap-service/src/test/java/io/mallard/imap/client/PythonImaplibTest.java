package io.mallard.imap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.imap.support.TestServer;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.user.User;

/** Python's imaplib as a second, independent client implementation; skipped where python3 is missing. */
@Timeout(90)
class PythonImaplibTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    /** Where the Python scripts are written. */
    @TempDir
    static Path dataDir;

    @Test
    void imaplibSmoke() throws Exception {
        User user = server.user("python");
        Mailbox inbox = server.mailbox(user, "INBOX");
        server.append(inbox, TestServer.message(1), List.of(), Instant.now());
        server.append(inbox, TestServer.message(2), List.of(), Instant.now());
        assertThat(run("imaplib_smoke.py", "python")).contains("imaplib smoke OK");
    }

    @Test
    void imaplibSearchSortAndThread() throws Exception {
        server.user("pysearch");
        assertThat(run("imaplib_search.py", "pysearch")).contains("imaplib search OK");
    }

    /** Runs a script of {@code src/test/resources/python} against the server; its output if it exits 0. */
    private static String run(String name, String user) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 not installed");
        Path script = dataDir.resolve(name);
        try (var in = PythonImaplibTest.class.getResourceAsStream("/python/" + name)) {
            Files.copy(in, script);
        }
        Process process = new ProcessBuilder("/usr/bin/python3", script.toString(), "127.0.0.1",
                String.valueOf(server.port()), user, TestServer.PASSWORD).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
