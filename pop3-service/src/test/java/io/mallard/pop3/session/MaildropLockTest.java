package io.mallard.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mallard.model.message.Message;
import io.mallard.model.user.User;
import io.mallard.pop3.support.Pop3Client;
import io.mallard.pop3.support.Pop3TestServer;
import io.mallard.pop3.support.Transcript;

/**
 * The maildrop's exclusive-access lock (RFC 1939 §8, {@code [IN-USE]} of RFC 2449 §8.1.1) as C:/S:
 * transcripts: who holds it, when it is given back, and that a wrong password neither keeps it
 * nor takes it from the session that has it.
 */
@Timeout(60)
class MaildropLockTest {

    private static final String FIRST = "From: a@example.com\r\nSubject: One\r\n\r\nHello\r\n.dot line\r\nbye\r\n";

    private final Pop3TestServer server = Pop3TestServer.shared();

    @Test
    void secondSessionOnTheSameMaildropIsInUseUntilTheFirstQuits() {
        User user = server.newUser("lock");
        Map<String, String> variables = server.variables(user);
        try (Pop3Client first = new Pop3Client(server.plain()); Pop3Client second = new Pop3Client(server.plain())) {
            Transcript.run(first, variables, """
                    S: +OK...
                    C: USER ${user}
                    S: +OK...
                    C: PASS ${password}
                    S: +OK ${user} has 0 messages (0 octets)
                    """);
            Transcript.run(second, variables, """
                    S: +OK...
                    C: USER ${user}
                    S: +OK...
                    C: PASS ${password}
                    S: -ERR [IN-USE] Mailbox is locked by another POP3 session
                    """);
            Transcript.run(first, variables, """
                    C: QUIT
                    S: +OK pop3.test signing off
                    """);
            Transcript.run(second, variables, """
                    C: USER ${user}
                    S: +OK...
                    C: PASS ${password}
                    S: +OK ${user} has 0 messages (0 octets)
                    C: QUIT
                    S: +OK...
                    """);
        }
    }

    /** The maildrop is locked while the password is checked: a wrong one must give it back. */
    @Test
    void aWrongPasswordNeitherKeepsTheMaildropNorTakesItFromItsSession() {
        User user = server.newUser("guessed");
        Map<String, String> variables = server.variables(user);
        try (Pop3Client owner = new Pop3Client(server.plain()); Pop3Client guesser = new Pop3Client(server.plain())) {
            Transcript.run(guesser, variables, """
                    S: +OK...
                    C: USER ${user}
                    S: +OK...
                    C: PASS not-the-password
                    S: -ERR [AUTH] Invalid login or password
                    C: USER ${user}
                    S: +OK...
                    C: PASS ${password}
                    S: +OK ${user} has 0 messages (0 octets)
                    C: QUIT
                    S: +OK...
                    """);
            Transcript.run(owner, variables, """
                    S: +OK...
                    C: USER ${user}
                    S: +OK...
                    C: PASS ${password}
                    S: +OK ${user} has 0 messages (0 octets)
                    """);
            try (Pop3Client second = new Pop3Client(server.plain())) {
                Transcript.run(second, variables, """
                        S: +OK...
                        C: USER ${user}
                        S: +OK...
                        C: PASS not-the-password
                        S: -ERR [AUTH] Invalid login or password
                        C: USER ${user}
                        S: +OK...
                        C: PASS ${password}
                        S: -ERR [IN-USE] Mailbox is locked by another POP3 session
                        """);
            }
            Transcript.run(owner, variables, """
                    C: NOOP
                    S: +OK
                    C: QUIT
                    S: +OK pop3.test signing off
                    """);
        }
    }

    @Test
    void droppedConnectionChangesNothingAndFreesTheLock() throws InterruptedException {
        User user = server.newUser("drop");
        Message first = server.append(user.id(), FIRST);
        try (Pop3Client client = new Pop3Client(server.plain())) {
            Transcript.run(client, server.variables(user, first), """
                    S: +OK...
                    C: USER ${user}
                    S: +OK...
                    C: PASS ${password}
                    S: +OK...
                    C: RETR 1
                    S: +OK...
                    S: From: a@example.com
                    S: Subject: One
                    S:
                    S: Hello
                    S: ..dot line
                    S: bye
                    S: .
                    C: DELE 1
                    S: +OK Message 1 deleted
                    """);
        }
        long deadline = System.currentTimeMillis() + 5000;
        String answer;
        do {
            Thread.sleep(50);
            try (Pop3Client again = new Pop3Client(server.plain())) {
                again.readLine();
                again.send("USER " + user.username()).readLine();
                answer = again.send("PASS " + Pop3TestServer.PASSWORD).readLine();
                again.send("QUIT").readLine();
            }
        } while (answer.contains("IN-USE") && System.currentTimeMillis() < deadline);
        assertThat(answer).startsWith("+OK");
        List<Message> inbox = server.messages(user.id(), "INBOX");
        assertThat(inbox).extracting(Message::id).containsExactly(first.id());
        assertThat(inbox.get(0).flags()).isEmpty();
    }
}
