package io.mallard.imap.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import com.mongodb.client.model.Filters;

import io.mallard.imap.support.ImapClient;
import io.mallard.imap.support.TestServer;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailStorage;
import io.mallard.model.store.Stores;
import io.mallard.model.user.User;
import io.mallard.model.watermark.CommitWatermark;
import reactor.core.publisher.Mono;

/**
 * RFC 7162 QRESYNC against expunges and flag changes made by another session: live (VANISHED at
 * NOOP), after a reconnect (SELECT QRESYNC, UID FETCH VANISHED), and once the expunge records no
 * longer reach back (§3.2.5.2: every known UID that is gone, narrowed by the sequence match data).
 * INBOX starts with UIDs 1-6 at MODSEQs 2-7.
 */
@Timeout(120)
class QresyncResyncTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void aQresyncClientLearnsWhatAnotherSessionExpungedAndFlaggedLiveAndAfterReconnecting() {
        User user = server.user("resync");
        Mailbox inbox = server.mailbox(user, "INBOX");
        for (int n = 1; n <= 6; n++) {
            server.append(inbox, TestServer.message(n), List.of(), Instant.now());
        }
        String validity = String.valueOf(inbox.uidValidity());
        try (ImapClient other = new ImapClient(server.port()).login("resync")) {
            other.send("b1 SELECT INBOX");
            other.skipTo("b1 OK .*");
            try (ImapClient client = new ImapClient(server.port()).login("resync")) {
                client.send("a1 ENABLE QRESYNC");
                client.expect("\\* ENABLED QRESYNC");
                client.expect("a1 OK .*");
                client.send("a2 SELECT INBOX");
                client.skipTo("\\* OK \\[HIGHESTMODSEQ 7\\] .*");
                client.skipTo("a2 OK .*");

                other.send("b2 STORE 2,4 +FLAGS.SILENT (\\Deleted)");
                other.expect("b2 OK .*");
                other.send("b3 EXPUNGE");
                other.expect("\\* 2 EXPUNGE");
                other.expect("\\* 3 EXPUNGE");
                other.expect("b3 OK .*");
                other.send("b4 UID STORE 5 +FLAGS (\\Flagged)");
                other.expect("\\* 3 FETCH \\(UID 5 FLAGS \\(\\\\Flagged\\)\\)");
                other.expect("b4 OK .*");

                // Live: the journal in MODSEQ order, expunges as one VANISHED before the next FETCH.
                client.send("a3 NOOP");
                client.expect("\\* 2 FETCH \\(UID 2 FLAGS \\(\\\\Deleted\\) MODSEQ \\(8\\)\\)");
                client.expect("\\* 4 FETCH \\(UID 4 FLAGS \\(\\\\Deleted\\) MODSEQ \\(9\\)\\)");
                client.expect("\\* VANISHED 2,4");
                client.expect("\\* 3 FETCH \\(UID 5 FLAGS \\(\\\\Flagged\\) MODSEQ \\(12\\)\\)");
                client.expect("a3 OK \\[HIGHESTMODSEQ 12\\] NOOP completed");
                client.send("a4 LOGOUT");
                client.skipTo("a4 OK .*");
            }

            other.send("b5 STORE 1 +FLAGS.SILENT (\\Deleted)");
            other.expect("b5 OK .*");
            other.send("b6 EXPUNGE");
            other.expect("\\* 1 EXPUNGE");
            other.expect("b6 OK .*");
            other.send("b7 UID STORE 3 +FLAGS.SILENT (\\Answered)");
            other.expect("b7 OK .*");
        }

        try (ImapClient client = new ImapClient(server.port()).login("resync")) {
            client.send("c1 ENABLE QRESYNC");
            client.skipTo("c1 OK .*");
            // §3.2.5.2: back from HIGHESTMODSEQ 12, knowing UIDs 1:6.
            client.send("c2 SELECT INBOX (QRESYNC (" + validity + " 12 1:6))");
            client.skipTo("\\* OK \\[HIGHESTMODSEQ 15\\] .*");
            client.expect("\\* VANISHED \\(EARLIER\\) 1");
            client.expect("\\* 1 FETCH \\(UID 3 FLAGS \\(\\\\Answered\\) MODSEQ \\(15\\)\\)");
            client.expect("c2 OK \\[READ-WRITE\\] SELECT completed");
            // From further back, and only for the UIDs asked about.
            client.send("c3 UID FETCH 1:4 (FLAGS) (CHANGEDSINCE 7 VANISHED)");
            client.expect("\\* VANISHED \\(EARLIER\\) 1:2,4");
            client.expect("\\* 1 FETCH \\(UID 3 FLAGS \\(\\\\Answered\\) MODSEQ \\(15\\)\\)");
            client.expect("c3 OK UID FETCH completed");
        }

        // Expunge records past their retention: a storage that keeps none prunes them all at its next expunge.
        MailStorage forgetful = MailStorage.over(server.bean(Stores.class), CommitWatermark.DEFAULT_LEASE, Duration.ZERO,
                server.bean(MessageContent.class));
        forgetful.messages().delete(inbox.id(), 6).block();
        try (ImapClient client = new ImapClient(server.port()).login("resync")) {
            client.send("d1 ENABLE QRESYNC");
            client.skipTo("d1 OK .*");
            client.send("d2 EXAMINE INBOX (QRESYNC (" + validity + " 12 1:6))");
            client.skipTo("\\* OK \\[HIGHESTMODSEQ 16\\] .*");
            client.expect("\\* VANISHED \\(EARLIER\\) 1:2,4,6");
            client.expect("\\* 1 FETCH \\(UID 3 FLAGS \\(\\\\Answered\\) MODSEQ \\(15\\)\\)");
            client.expect("d2 OK \\[READ-ONLY\\] EXAMINE completed");
            // The client knows message 1 is UID 3, so nothing up to 3 can have vanished unseen;
            // its second pair (2, 4) no longer matches (message 2 is UID 5), so the rest is reported.
            client.send("d3 EXAMINE INBOX (QRESYNC (" + validity + " 12 1:6 (1:2 3:4)))");
            client.skipTo("\\* OK \\[HIGHESTMODSEQ 16\\] .*");
            client.expect("\\* VANISHED \\(EARLIER\\) 4,6");
            client.expect("\\* 1 FETCH \\(UID 3 FLAGS \\(\\\\Answered\\) MODSEQ \\(15\\)\\)");
            client.expect("d3 OK \\[READ-ONLY\\] EXAMINE completed");
            client.send("d4 UID FETCH 5:6 (FLAGS) (CHANGEDSINCE 15 VANISHED)");
            client.expect("\\* VANISHED \\(EARLIER\\) 6");
            client.expect("d4 OK UID FETCH completed");
        }
    }

    /** The journal keeps two hours: a session that has not reported for longer catches up from the messages. */
    @Test
    void aSessionWhoseJournalEntriesExpiredCatchesUpFromTheMessagesAndExpungeRecords() {
        User user = server.user("lapsed");
        Mailbox inbox = server.mailbox(user, "INBOX");
        for (int n = 1; n <= 3; n++) {
            server.append(inbox, TestServer.message(n), List.of(), Instant.now());
        }
        try (ImapClient client = new ImapClient(server.port()).login("lapsed");
                ImapClient other = new ImapClient(server.port()).login("lapsed")) {
            client.send("a1 SELECT INBOX (CONDSTORE)");
            client.skipTo("\\* OK \\[HIGHESTMODSEQ 4\\] .*");
            client.skipTo("a1 OK .*");
            other.send("b1 SELECT INBOX");
            other.skipTo("b1 OK .*");
            other.send("b2 STORE 1 +FLAGS.SILENT (\\Deleted)");
            other.expect("b2 OK .*");
            other.send("b3 EXPUNGE");
            other.skipTo("b3 OK .*");
            other.send("b4 UID STORE 3 +FLAGS.SILENT ($Done)");
            other.expect("b4 OK .*");

            // Hours later (the watermark long past them, as any reader's walk or the writers' own leaves it),
            // the TTL index removes the entries before the session has read them.
            assertThat(server.bean(MailStorage.class).journal().completeUpTo(inbox.id()).block()).isEqualTo(7);
            Mono.from(server.bean(Stores.class).mongo().database().getCollection("journal")
                    .deleteMany(Filters.eq("mailbox", inbox.id()))).block();
            client.send("a2 NOOP");
            client.expect("\\* 1 EXPUNGE");
            client.expect("\\* 2 FETCH \\(UID 3 FLAGS \\(\\$Done\\) MODSEQ \\(7\\)\\)");
            client.expect("a2 OK \\[HIGHESTMODSEQ 7\\] NOOP completed");
        }
    }
}
