package io.mallard.imap.transcript;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.mallard.imap.support.TestServer;
import io.mallard.imap.support.Transcript;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.user.User;

/**
 * The scripts under {@code src/test/resources/transcripts/search} (SEARCH keys, CHARSET, ESEARCH,
 * SEARCHRES, WITHIN, SORT, THREAD) against the real server on the embedded stores. They share one
 * user whose INBOX holds the four messages of {@link SearchFixture#INBOX} and whose Archive holds
 * the threading corpus of {@link SearchFixture#THREADS}; a script that changes messages (named
 * {@code *searchres*}) gets a user of its own with just the INBOX.
 */
@Timeout(120)
class SearchTranscriptTest {

    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static User reader;
    private static final AtomicInteger USERS = new AtomicInteger();

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        reader = withInbox();
        Mailbox archive = server.mailbox(reader, "Archive");
        for (SearchFixture.Stored message : SearchFixture.THREADS) {
            server.append(archive, message.raw(), message.flags(), message.internalDate());
        }
    }

    private static User withInbox() {
        User user = server.user("searcher" + USERS.incrementAndGet());
        Mailbox inbox = server.mailbox(user, "INBOX");
        for (SearchFixture.Stored message : SearchFixture.INBOX) {
            server.append(inbox, message.raw(), message.flags(), message.internalDate());
        }
        return user;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<String> scripts() throws IOException, URISyntaxException {
        return Transcript.scripts("/transcripts/search").stream();
    }

    /**
     * Address and subject text the store pre-selects by (ASCII) must find what the matcher alone
     * would: case folded per character (a Kelvin sign, upper-case addresses), text that straddles
     * an address's angle bracket, and negations, which the store cannot pre-select.
     */
    @Test
    void addressAndSubjectSearchesFindTheSameWhetherTheStorePreselectsOrNot() throws Exception {
        User user = server.user("folder" + USERS.incrementAndGet());
        Mailbox inbox = server.mailbox(user, "INBOX");
        server.append(inbox, "From: Bob <Bob@EXAMPLE.com>\r\nTo: ann@example.org\r\nSubject: \u212Aelvin scale\r\n\r\nx\r\n",
                List.of(), Instant.parse("2024-01-01T00:00:00Z"));
        server.append(inbox, "From: Ann <ann@example.org>\r\nCc: BOB@example.com\r\nSubject: Istanbul\r\n\r\ny\r\n",
                List.of(), Instant.parse("2024-01-02T00:00:00Z"));
        Transcript.run(server.port(), List.of(
                "C: a1 LOGIN ${user} \"${password}\"", "S: a1 OK .*",
                "C: a2 EXAMINE INBOX", "S~ a2 OK .*",
                "C: a3 SEARCH SUBJECT kelvin", "S: \\* SEARCH 1", "S: a3 OK .*",
                "C: a4 SEARCH FROM bob@example", "S: \\* SEARCH 1", "S: a4 OK .*",
                "C: a5 SEARCH FROM \"example.COM>\"", "S: \\* SEARCH 1", "S: a5 OK .*",
                "C: a6 SEARCH TO bob", "S: \\* SEARCH", "S: a6 OK .*",
                "C: a7 SEARCH CC bob", "S: \\* SEARCH 2", "S: a7 OK .*",
                "C: a8 SEARCH OR SUBJECT SCALE FROM ann", "S: \\* SEARCH 1 2", "S: a8 OK .*",
                "C: a9 SEARCH NOT SUBJECT istanbul", "S: \\* SEARCH 1", "S: a9 OK .*"),
                Map.of("user", user.username(), "password", TestServer.PASSWORD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void script(String name) throws Exception {
        User user = name.contains("searchres") ? withInbox() : reader;
        Path script = Path.of(SearchTranscriptTest.class.getResource("/transcripts/search/" + name).toURI());
        Transcript.run(server.port(), Files.readAllLines(script),
                Map.of("user", user.username(), "password", TestServer.PASSWORD));
    }
}
