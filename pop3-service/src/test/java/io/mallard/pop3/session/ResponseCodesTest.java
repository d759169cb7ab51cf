package io.mallard.pop3.session;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mallard.model.message.Message;
import io.mallard.model.user.User;
import io.mallard.pop3.support.Pop3Client;
import io.mallard.pop3.support.Pop3TestServer;
import io.mallard.pop3.support.TestMessages;
import io.mallard.pop3.support.Transcript;

/**
 * The answers that need a particular server: {@code [AUTH]} from the login-failure limits
 * shared with IMAP and the API (here two failures per login name), {@code [SYS/TEMP]} when the maildrop cannot
 * be opened, and, with no maildrop cache, RETR reading each message when asked, which finds one
 * that IMAP removed meanwhile gone.
 */
@Timeout(60)
class ResponseCodesTest {

    private static Pop3TestServer server;

    @BeforeAll
    static void start() {
        server = Pop3TestServer.start("mallard.pop3.allow-plaintext-login=true", "mallard.pop3.maildrop-cache-bytes=0",
                "mallard.access.login-failures=2");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void authCodeOnceTheLoginFailedTooOftenEvenWithTheRightPassword() {
        User user = server.newUser("throttled");
        Transcript.run(server.plain(), Map.of("user", user.username(), "password", Pop3TestServer.PASSWORD), """
                S: +OK...
                C: USER ${user}
                C: PASS wrong
                C: USER ${user}
                C: PASS wrong again
                C: USER ${user}
                C: PASS ${password}
                S: +OK Send your password
                S: -ERR [AUTH] Invalid login or password
                S: +OK Send your password
                S: -ERR [AUTH] Invalid login or password
                S: +OK Send your password
                S: -ERR [AUTH] Too many failed logins, try again later
                """);
    }

    @Test
    void sysTempWhenTheMaildropCannotBeOpenedAndTheLockIsNotKept() {
        User user = server.newUserWithoutMailboxes("nomailbox");
        Map<String, String> variables = Map.of("user", user.username(), "password", Pop3TestServer.PASSWORD);
        Transcript.run(server.plain(), variables, """
                S: +OK...
                C: USER ${user}
                S: +OK...
                C: PASS ${password}
                S: -ERR [SYS/TEMP] Temporary failure, try again later
                C: QUIT
                S: +OK pop3.test signing off
                """);
        server.storage().mailboxes().createDefaults(user.id()).blockLast();
        Transcript.run(server.plain(), variables, """
                S: +OK...
                C: USER ${user}
                S: +OK...
                C: PASS ${password}
                S: +OK ${user} has 0 messages (0 octets)
                C: QUIT
                S: +OK pop3.test signing off
                """);
    }

    @Test
    void uncachedRetrReadsTheMessageWhenAskedAndReportsOneRemovedMeanwhile() {
        User user = server.newUser("uncached");
        Message removed = server.append(user.id(), TestMessages.numbered(1));
        server.append(user.id(), TestMessages.numbered(2));
        try (Pop3Client client = new Pop3Client(server.plain())) {
            Map<String, String> variables = Map.of("user", user.username(), "password", Pop3TestServer.PASSWORD);
            Transcript.run(client, variables, """
                    S: +OK...
                    C: USER ${user}
                    S: +OK...
                    C: PASS ${password}
                    S: +OK ${user} has 2 messages...
                    """);
            server.storage().messages().delete(removed.mailbox(), removed.uid()).block();
            Transcript.run(client, variables, """
                    C: RETR 1
                    S: -ERR Message 1 was removed by another session
                    C: TOP 2 0
                    S: +OK Top of message follows
                    S: From: sender@example.com
                    S: To: user@example.com
                    S: Subject: Message 2
                    S: Message-ID: <...
                    S:
                    S: .
                    C: RETR 2
                    S: +OK...
                    S: From: sender@example.com
                    S: To: user@example.com
                    S: Subject: Message 2
                    S: Message-ID: <...
                    S:
                    S: Body of message 2
                    S: ..starts with a dot
                    S: last line
                    S: .
                    C: QUIT
                    S: +OK pop3.test signing off
                    """);
        }
    }
}
