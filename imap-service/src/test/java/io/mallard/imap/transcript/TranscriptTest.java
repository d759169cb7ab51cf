package io.mallard.imap.transcript;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.mallard.imap.support.TestServer;
import io.mallard.imap.support.Transcript;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.user.User;
import io.mallard.model.user.UserLimits;
import io.mallard.model.user.UserSettings;

/**
 * Every script under {@code src/test/resources/transcripts} against the real server on the
 * embedded stores. Each script gets its own user ({@code ${user}}, password {@code ${password}})
 * whose INBOX holds three messages: 1 seen, 2 flagged, 3 unflagged. Limits: APPENDLIMIT 100,000,
 * lines of 2,000 octets, BYE after five invalid commands in a row.
 */
@Timeout(120)
class TranscriptTest {

    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static final AtomicInteger USERS = new AtomicInteger();

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir, "mallard.imap.append-limit=100000", "mallard.imap.max-line-length=2000",
                "mallard.imap.max-bad-commands=5");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<String> scripts() throws IOException, URISyntaxException {
        Path directory = Path.of(TranscriptTest.class.getResource("/transcripts").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .filter(n -> n.startsWith(System.getProperty("transcript.only", ""))).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void script(String name) throws Exception {
        // Scripts named *overquota* get a 1,000-byte quota: the three messages fit, little else does;
        // other *quota* scripts get 5 MiB; the rest none (unlimited).
        long quota = name.contains("overquota") ? 1000 : name.contains("quota") ? 5L << 20 : 0;
        User user = server.user("user" + USERS.incrementAndGet(),
                new UserSettings(quota, UserLimits.DEFAULTS, 50, List.of(), Set.of(), false));
        Mailbox inbox = server.mailbox(user, "INBOX");
        server.append(inbox, TestServer.message(1), List.of("\\Seen"), Instant.parse("2026-11-01T10:00:00Z"));
        server.append(inbox, TestServer.message(2), List.of("\\Flagged"), Instant.parse("2026-11-02T10:00:00Z"));
        server.append(inbox, TestServer.message(3), List.of(), Instant.parse("2026-11-03T10:00:00Z"));
        Path script = Path.of(TranscriptTest.class.getResource("/transcripts/" + name).toURI());
        Transcript.run(server.port(), Files.readAllLines(script),
                Map.of("user", user.username(), "password", TestServer.PASSWORD, "long", "x".repeat(3000),
                        "pad", "x".repeat(400 - "Subject: big".length()), "user64",
                        Base64.getEncoder().encodeToString(user.username().getBytes(StandardCharsets.UTF_8))));
    }
}
