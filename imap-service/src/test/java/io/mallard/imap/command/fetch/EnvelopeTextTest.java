package io.mallard.imap.command.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
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
 * ENVELOPE (RFC 3501 §7.4.2) is sent as ingest rendered it. A message stored before the rendered
 * text was kept answers with the same octets, rendered from the stored lists, and gets the text
 * kept for the next FETCH, together with its header block when the FETCH also asked for header
 * sections.
 */
@Timeout(60)
class EnvelopeTextTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final String RAW = "Date: Mon, 23 Nov 2026 09:15:00 +0100\r\n"
            + "From: \"Bob \\\"the builder\\\"\" <bob@example.com>\r\n"
            + "To: alice@example.com, Team: carol@example.com, dave@example.org;\r\n"
            + "Subject: =?UTF-8?Q?caf=C3=A9?= plans\r\n"
            + "Message-ID: <plans-1@example.com>\r\n"
            + "\r\nbody\r\n";

    private static final String ENVELOPE = "ENVELOPE (\"Mon, 23 Nov 2026 09:15:00 +0100\" \"=?UTF-8?Q?caf=C3=A9?= plans\" "
            + "((\"Bob \\\"the builder\\\"\" NIL \"bob\" \"example.com\")) "
            + "((\"Bob \\\"the builder\\\"\" NIL \"bob\" \"example.com\")) "
            + "((\"Bob \\\"the builder\\\"\" NIL \"bob\" \"example.com\")) "
            + "((NIL NIL \"alice\" \"example.com\")(NIL NIL \"Team\" NIL)(NIL NIL \"carol\" \"example.com\")"
            + "(NIL NIL \"dave\" \"example.org\")(NIL NIL NIL NIL)) NIL NIL NIL \"<plans-1@example.com>\")";

    @Test
    void aMessageStoredWithoutItsRenderedEnvelopeAnswersTheSameAndKeepsItAfterwards() {
        User user = server.user("envelopes");
        List<Message> copies = storedWithAndWithout(user, "envelopeText");
        String kept = parsed(copies.get(0)).getString("envelopeText");
        assertThat("ENVELOPE " + kept).isEqualTo(ENVELOPE);

        try (ImapClient client = new ImapClient(server.port()).login(user.username())) {
            client.send("s SELECT INBOX").skipTo("s OK .*");
            client.send("f FETCH 1:2 (UID ENVELOPE)");
            client.expect("\\* 1 FETCH \\(UID 1 " + quote(ENVELOPE) + "\\)");
            client.expect("\\* 2 FETCH \\(UID 2 " + quote(ENVELOPE) + "\\)");
            client.expect("f OK .*");
        }
        assertThat(parsed(copies.get(1)).getString("envelopeText")).isEqualTo(kept);
    }

    @Test
    void aFetchOfEnvelopeAndHeaderFieldsKeepsBothForAMessageThatLacksThem() {
        User user = server.user("both");
        List<Message> copies = storedWithAndWithout(user, "envelopeText", "header");
        Message rendered = copies.get(0);
        Message older = copies.get(1);

        try (ImapClient client = new ImapClient(server.port()).login(user.username())) {
            client.send("s SELECT INBOX").skipTo("s OK .*");
            for (int number = 1; number <= 2; number++) {
                client.send("f" + number + " FETCH " + number + " (ENVELOPE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])");
                client.expect("\\* " + number + " FETCH \\(" + quote(ENVELOPE) + " BODY\\[HEADER.FIELDS \\(MESSAGE-ID\\)\\] \\{37\\}");
                client.expect("Message-ID: <plans-1@example.com>");
                client.expect("");
                client.expect("\\)");
                client.expect("f" + number + " OK .*");
            }
        }
        assertThat(parsed(older).getString("envelopeText")).isEqualTo(parsed(rendered).getString("envelopeText"));
        assertThat(parsed(older).get("header", BsonBinary.class)).isEqualTo(parsed(rendered).get("header", BsonBinary.class));
    }

    /** Two copies of {@link #RAW} in the user's INBOX, the second as stored before ingest kept {@code fields}. */
    private static List<Message> storedWithAndWithout(User user, String... fields) {
        Mailbox inbox = server.mailbox(user, "INBOX");
        Message whole = server.append(inbox, RAW, List.of(), Instant.now());
        Message older = server.append(inbox, RAW, List.of(), Instant.now());
        Mono.from(messages().updateOne(Filters.eq("_id", older.id()), Updates.combine(Arrays.stream(fields)
                .map(field -> Updates.unset("content.parsed." + field)).toList()))).block();
        return List.of(whole, older);
    }

    private static String quote(String literal) {
        return java.util.regex.Pattern.quote(literal);
    }

    private static MongoCollection<Document> messages() {
        return server.bean(MongoStore.class).database().getCollection(MessageStore.COLLECTION.name());
    }

    /** {@code content.parsed} of the message as stored. */
    private static Document parsed(Message message) {
        Document stored = Mono.from(messages().find(Filters.eq("_id", message.id())).first()).block();
        return stored.get("content", Document.class).get("parsed", Document.class);
    }
}
