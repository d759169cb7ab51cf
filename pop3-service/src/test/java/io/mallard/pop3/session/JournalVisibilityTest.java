package io.mallard.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mallard.model.journal.ChangeCommand;
import io.mallard.model.journal.ChangeEvent;
import io.mallard.model.journal.ChangeNotifier;
import io.mallard.model.journal.ChangeSubscription;
import io.mallard.model.message.Message;
import io.mallard.model.user.User;
import io.mallard.pop3.support.Pop3TestServer;
import io.mallard.pop3.support.TestMessages;
import io.mallard.pop3.support.Transcript;
import reactor.core.Disposable;

/**
 * What an IMAP session of the same user would be told: the journal's notifications for the POP3
 * UPDATE state (FLAGS \Seen for RETR, EXPUNGE from INBOX and EXISTS in Trash for DELE), and
 * nothing from a session that drops without QUIT.
 */
@Timeout(60)
class JournalVisibilityTest {

    private final Pop3TestServer server = Pop3TestServer.shared();

    @Test
    void quitReachesImapThroughTheJournalAndADroppedSessionChangesNothing() throws InterruptedException {
        User user = server.newUser("journal");
        Message read = server.append(user.id(), TestMessages.numbered(1));
        Message deleted = server.append(user.id(), TestMessages.numbered(2));
        ChangeSubscription subscription = server.bean(ChangeNotifier.class).open(user.id()).block();
        List<ChangeEvent> events = new CopyOnWriteArrayList<>();
        Disposable listening = subscription.events().subscribe(events::add);
        try {
            Map<String, String> variables = Map.of("user", user.username(), "password", Pop3TestServer.PASSWORD);
            Transcript.run(server.plain(), variables, """
                    S: +OK...
                    C: USER ${user}
                    S: +OK...
                    C: PASS ${password}
                    S: +OK ${user} has 2 messages...
                    C: TOP 1 0
                    S: +OK Top of message follows
                    S: From: sender@example.com
                    S: To: user@example.com
                    S: Subject: Message 1
                    S: Message-ID: <...
                    S:
                    S: .
                    C: RETR 1
                    S: +OK...
                    C: DELE 2
                    """);
            // That connection dropped without QUIT: the UPDATE state never ran.
            Thread.sleep(300);
            assertThat(events).as("no change without QUIT").isEmpty();
            Transcript.run(server.plain(), variables, """
                    S: +OK...
                    C: USER ${user}
                    S: +OK...
                    C: PASS ${password}
                    S: +OK...
                    C: RETR 1
                    S: +OK...
                    S: From: sender@example.com
                    S: To: user@example.com
                    S: Subject: Message 1
                    S: Message-ID: <...
                    S:
                    S: Body of message 1
                    S: ..starts with a dot
                    S: last line
                    S: .
                    C: DELE 2
                    S: +OK...
                    C: QUIT
                    S: +OK...
                    """);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (events.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(events).anySatisfy(event -> {
                assertThat(event.command()).isEqualTo(ChangeCommand.FLAGS);
                assertThat(event.uid()).isEqualTo(read.uid());
            });
            assertThat(events).anySatisfy(event -> {
                assertThat(event.command()).isEqualTo(ChangeCommand.EXPUNGE);
                assertThat(event.mailbox()).isEqualTo(deleted.mailbox());
                assertThat(event.uid()).isEqualTo(deleted.uid());
            });
            assertThat(events).anySatisfy(event -> {
                assertThat(event.command()).isEqualTo(ChangeCommand.EXISTS);
                assertThat(event.mailbox()).isEqualTo(server.mailbox(user.id(), "Trash").id());
            });
        } finally {
            listening.dispose();
            subscription.close();
        }
    }
}
