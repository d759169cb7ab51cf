package io.mallard.imap.command.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.BsonBinary;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;

import io.mallard.imap.support.ImapClient;
import io.mallard.imap.support.TestServer;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageStore;
import io.mallard.model.store.MongoStore;
import io.mallard.model.user.User;
import reactor.core.publisher.Mono;

/**
 * HEADER, HEADER.FIELDS (.NOT) and RFC822.HEADER of a message (RFC 3501 §6.4.5) come from the
 * header block that ingest keeps apart from the message's bytes. A message without one, stored
 * before it was kept or with a header too large to keep, is read again with its bytes, and the
 * answer is the same octets; a header block small enough is then kept for the next FETCH.
 */
@Timeout(60)
class HeaderSectionsTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final String ITEMS = "(BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)] BODY.PEEK[HEADER.FIELDS.NOT (SUBJECT)] "
            + "BODY.PEEK[HEADER]<0.20> RFC822.HEADER)";

    @Test
    void aMessageStoredWithoutItsHeaderBlockAnswersWithTheSameOctets() {
        User user = server.user("headers");
        Mailbox inbox = server.mailbox(user, "INBOX");
        String raw = "From: Bob <bob@example.com>\r\nSubject: folded\r\n over two lines\r\nTo: alice@example.com\r\n"
                + "\r\nSubject: not a header, the body\r\n";
        Message withHeader = server.append(inbox, raw, List.of(), Instant.now());
        Message older = server.append(inbox, raw, List.of(), Instant.now());
        assertThat(parsed(withHeader).get("header", BsonBinary.class).getData())
                .isEqualTo(raw.substring(0, raw.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.US_ASCII));
        // As stored before header blocks were kept apart.
        Mono.from(messages().updateOne(Filters.eq("_id", older.id()), Updates.unset("content.parsed.header"))).block();

        try (ImapClient client = new ImapClient(server.port()).login(user.username())) {
            client.send("s SELECT INBOX").skipTo("s OK .*");
            List<String> kept = fetch(client, 1);
            List<String> read = fetch(client, 2);

            assertThat(kept).containsExactly(
                    "* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT FROM)] {65}",
                    "From: Bob <bob@example.com>",
                    "Subject: folded",
                    " over two lines",
                    "",
                    " BODY[HEADER.FIELDS.NOT (SUBJECT)] {54}",
                    "From: Bob <bob@example.com>",
                    "To: alice@example.com",
                    "",
                    " BODY[HEADER]<0> {20}",
                    "From: Bob <bob@examp RFC822.HEADER {88}",
                    "From: Bob <bob@example.com>",
                    "Subject: folded",
                    " over two lines",
                    "To: alice@example.com",
                    "",
                    ")");
            assertThat(read).containsExactlyElementsOf(kept.stream().map(line -> line.replace("* 1 FETCH", "* 2 FETCH")).toList());
        }
        // Read from the bytes once, then kept for the next FETCH.
        assertThat(parsed(older).get("header", BsonBinary.class)).isEqualTo(parsed(withHeader).get("header", BsonBinary.class));
    }

    @Test
    void aHeaderTooLargeToKeepIsReadFromTheMessage() {
        User user = server.user("bigheader");
        Mailbox inbox = server.mailbox(user, "INBOX");
        StringBuilder raw = new StringBuilder("Subject: large\r\n");
        while (raw.length() < 70_000) {
            raw.append("X-Filler: ").append("y".repeat(68)).append("\r\n");
        }
        raw.append("\r\nbody\r\n");
        Message message = server.append(inbox, raw.toString(), List.of(), Instant.now());
        assertThat(parsed(message)).doesNotContainKey("header");

        try (ImapClient client = new ImapClient(server.port()).login(user.username())) {
            client.send("s SELECT INBOX").skipTo("s OK .*");
            client.send("f FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
            client.expect("\\* 1 FETCH \\(BODY\\[HEADER.FIELDS \\(SUBJECT\\)\\] \\{18\\}");
            client.expect("Subject: large");
            client.expect("");
            client.expect("\\)");
            client.expect("f OK .*");
        }
    }

    private static MongoCollection<Document> messages() {
        return server.bean(MongoStore.class).database().getCollection(MessageStore.COLLECTION.name());
    }

    /** {@code content.parsed} of the message as stored. */
    private static Document parsed(Message message) {
        Document stored = Mono.from(messages().find(Filters.eq("_id", message.id())).first()).block();
        return stored.get("content", Document.class).get("parsed", Document.class);
    }

    /** The untagged lines of FETCH {@code number} {@link #ITEMS}, literals included line by line. */
    private static List<String> fetch(ImapClient client, int number) {
        String tag = "f" + number;
        client.send(tag + " FETCH " + number + " " + ITEMS);
        List<String> lines = new ArrayList<>();
        for (String line = client.skipTo(".*"); !line.startsWith(tag + " "); line = client.skipTo(".*")) {
            lines.add(line);
        }
        return lines;
    }
}
