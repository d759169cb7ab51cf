package io.mallard.imap.transcript;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void script(String name) throws Exception {
        User user = name.contains("searchres") ? withInbox() : reader;
        Path script = Path.of(SearchTranscriptTest.class.getResource("/transcripts/search/" + name).toURI());
        Transcript.run(server.port(), Files.readAllLines(script),
                Map.of("user", user.username(), "password", TestServer.PASSWORD));
    }
}
