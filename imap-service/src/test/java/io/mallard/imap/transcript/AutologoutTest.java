package io.mallard.imap.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.imap.support.ImapClient;
import io.mallard.imap.support.TestServer;

/**
 * Three inactivity timers, here shortened to seconds: before login (1 s; production 60 s), logged
 * in (3 s; production 30 min, RFC 9051 §5.4) and in IDLE (6 s; production 30 min, RFC 2177 §3).
 * Each test stays silent for well under the timer it relies on and well over the one it outlives.
 */
@Timeout(60)
class AutologoutTest {

    private static final String AUTOLOGOUT = "\\* BYE Autologout; idle for too long";

    @TempDir
    static Path dataDir;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir, "mallard.imap.login-timeout=1s", "mallard.imap.idle-timeout=3s",
                "mallard.imap.idle-command-timeout=6s");
        server.user("sleepy");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSilentClientThatNeverLoggedInIsLoggedOutFirst() {
        try (ImapClient client = new ImapClient(server.port())) {
            client.expect(AUTOLOGOUT);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void loggingInLengthensTheTimerAndSilenceBeyondItStillEndsTheSession() throws InterruptedException {
        try (ImapClient client = new ImapClient(server.port())) {
            client.login("sleepy");
            Thread.sleep(1_500);
            client.send("a1 NOOP").expect("a1 OK .*");
            client.expect(AUTOLOGOUT);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void idleOutlivesTheLoggedInTimer() throws InterruptedException {
        try (ImapClient client = new ImapClient(server.port())) {
            client.login("sleepy");
            client.send("a1 SELECT INBOX").skipTo("a1 OK .*");
            client.send("a2 IDLE").expect("\\+ .*");
            Thread.sleep(4_000);
            client.send("DONE").expect("a2 OK IDLE terminated");
            client.send("a3 NOOP").expect("a3 OK .*");
        }
    }
}
