package io.mallard.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mallard.model.message.Message;
import io.mallard.model.user.User;
import io.mallard.pop3.support.Pop3Client;
import io.mallard.pop3.support.Pop3TestServer;
import io.mallard.pop3.support.Transcript;

/** Every command and response code of RFC 1939, 2449, 2595 and 5034, as C:/S: transcripts over a socket. */
@Timeout(60)
class Pop3TranscriptTest {

    private static final String FIRST = "From: a@example.com\r\nSubject: One\r\n\r\nHello\r\n.dot line\r\nbye\r\n";
    private static final String SECOND = "From: b@example.com\r\nSubject: Two\r\n\r\nSecond\r\n";

    private final Pop3TestServer server = Pop3TestServer.shared();

    private Map<String, String> mailbox(User user, Message... messages) {
        Map<String, String> variables = server.variables(user, messages);
        variables.put("total", Long.toString(FIRST.length() + SECOND.length()));
        return variables;
    }

    @Test
    void transactionCommandsThenQuitCommitsSeenAndTrash() {
        User user = server.newUser("tx");
        Message first = server.append(user.id(), FIRST);
        Message second = server.append(user.id(), SECOND);
        Transcript.run(server.plain(), mailbox(user, first, second), """
                S: +OK pop3.test Mallard POP3 ready
                C: CAPA
                S: +OK Capability list follows
                S: TOP
                S: UIDL
                S: RESP-CODES
                S: AUTH-RESP-CODE
                S: PIPELINING
                S: EXPIRE NEVER
                S: USER
                S: SASL PLAIN LOGIN
                S: STLS
                S: IMPLEMENTATION Mallard
                S: .
                C: USER ${user}
                S: +OK Send your password
                C: PASS ${password}
                S: +OK ${user} has 2 messages (${total} octets)
                C: STAT
                S: +OK 2 ${total}
                C: LIST
                S: +OK 2 messages (${total} octets)
                S: 1 ${size1}
                S: 2 ${size2}
                S: .
                C: LIST 2
                S: +OK 2 ${size2}
                C: UIDL
                S: +OK 2 messages (${total} octets)
                S: 1 ${uid1}
                S: 2 ${uid2}
                S: .
                C: UIDL 1
                S: +OK 1 ${uid1}
                C: TOP 1 1
                S: +OK Top of message follows
                S: From: a@example.com
                S: Subject: One
                S:
                S: Hello
                S: .
                C: RETR 1
                S: +OK ${size1} octets
                S: From: a@example.com
                S: Subject: One
                S:
                S: Hello
                S: ..dot line
                S: bye
                S: .
                C: DELE 2
                S: +OK Message 2 deleted
                C: LIST
                S: +OK 1 messages (${size1} octets)
                S: 1 ${size1}
                S: .
                C: RSET
                S: +OK Maildrop has 2 messages (${total} octets)
                C: NOOP
                S: +OK
                C: CAPA
                S: +OK Capability list follows
                S: TOP
                S: UIDL
                S: RESP-CODES
                S: AUTH-RESP-CODE
                S: PIPELINING
                S: EXPIRE NEVER
                S: IMPLEMENTATION Mallard
                S: .
                C: DELE 2
                S: +OK Message 2 deleted
                C: QUIT
                S: +OK pop3.test signing off
                -- closed
                """);
        List<Message> inbox = server.messages(user.id(), "INBOX");
        assertThat(inbox).extracting(Message::id).containsExactly(first.id());
        assertThat(inbox.get(0).flags()).containsExactly(Message.SEEN);
        assertThat(server.messages(user.id(), "Trash")).extracting(Message::id).containsExactly(second.id());
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() {
        User user = server.newUser("pipe");
        Message first = server.append(user.id(), FIRST);
        Message second = server.append(user.id(), SECOND);
        Transcript.run(server.plain(), mailbox(user, first, second), """
                S: +OK pop3.test Mallard POP3 ready
                C: USER ${user}
                C: PASS ${password}
                C: STAT
                C: UIDL 2
                C: RETR 2
                C: NOOP
                C: QUIT
                S: +OK Send your password
                S: +OK ${user} has 2 messages (${total} octets)
                S: +OK 2 ${total}
                S: +OK 2 ${uid2}
                S: +OK ${size2} octets
                S: From: b@example.com
                S: Subject: Two
                S:
                S: Second
                S: .
                S: +OK
                S: +OK pop3.test signing off
                """);
    }

    @Test
    void saslPlainAndLoginWithAndWithoutInitialResponse() {
        User user = server.newUser("sasl");
        Map<String, String> variables = mailbox(user);
        variables.put("plain", base64("\0" + user.username() + "\0" + Pop3TestServer.PASSWORD));
        variables.put("name64", base64(user.username()));
        variables.put("pass64", base64(Pop3TestServer.PASSWORD));
        variables.put("wrong", base64("\0" + user.username() + "\0wrong"));
        Transcript.run(server.plain(), variables, """
                S: +OK pop3.test Mallard POP3 ready
                C: AUTH
                S: +OK Supported mechanisms follow
                S: PLAIN
                S: LOGIN
                S: .
                C: AUTH CRAM-MD5
                S: -ERR Unsupported SASL mechanism
                C: AUTH PLAIN ${wrong}
                S: -ERR [AUTH] Invalid login or password
                C: AUTH PLAIN not-base64!
                S: -ERR [AUTH] Invalid base64 in SASL response
                C: AUTH LOGIN
                S: + VXNlcm5hbWU6
                C: *
                S: -ERR Authentication cancelled
                C: AUTH PLAIN
                S: +\s
                C: ${plain}
                S: +OK ${user} has 0 messages (0 octets)
                C: QUIT
                S: +OK pop3.test signing off
                """);
        Transcript.run(server.plain(), variables, """
                S: +OK...
                C: AUTH PLAIN ${plain}
                S: +OK ${user} has 0 messages (0 octets)
                C: QUIT
                S: +OK...
                """);
        Transcript.run(server.plain(), variables, """
                S: +OK...
                C: AUTH LOGIN ${name64}
                S: + UGFzc3dvcmQ6
                C: ${pass64}
                S: +OK ${user} has 0 messages (0 octets)
                C: AUTH PLAIN ${plain}
                S: -ERR AUTH not allowed in transaction state
                C: QUIT
                S: +OK...
                """);
    }

    @Test
    void authorizationFailuresUseTheAuthResponseCode() {
        User user = server.newUser("fail");
        Transcript.run(server.plain(), mailbox(user), """
                S: +OK...
                C: PASS ${password}
                S: -ERR Send USER first
                C: USER nobody-here
                S: +OK Send your password
                C: PASS ${password}
                S: -ERR [AUTH] Invalid login or password
                C: USER ${user}
                S: +OK Send your password
                C: PASS wrong password
                S: -ERR [AUTH] Invalid login or password
                C: PASS ${password}
                S: -ERR Send USER first
                C: USER ${user}@example.com
                S: +OK Send your password
                C: PASS ${password}
                S: +OK ${user} has 0 messages (0 octets)
                C: QUIT
                S: +OK...
                """);
    }

    @Test
    void stlsUpgradesAndDropsWhatWasPipelinedInTheClear() {
        User user = server.newUser("stls");
        Transcript.run(server.plain(), mailbox(user), """
                S: +OK...
                C: STLS
                S: +OK Begin TLS negotiation
                -- starttls
                C: CAPA
                S: +OK Capability list follows
                S: TOP
                S: UIDL
                S: RESP-CODES
                S: AUTH-RESP-CODE
                S: PIPELINING
                S: EXPIRE NEVER
                S: USER
                S: SASL PLAIN LOGIN
                S: IMPLEMENTATION Mallard
                S: .
                C: STLS
                S: -ERR TLS already active
                C: USER ${user}
                S: +OK Send your password
                C: PASS ${password}
                S: +OK...
                C: QUIT
                S: +OK...
                """);
        try (Pop3Client client = new Pop3Client(server.plain())) {
            client.readLine();
            // CVE-2011-0411: a command injected after STLS in the same packet must never run.
            client.sendRaw("STLS\r\nUSER injected\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readLine()).isEqualTo("+OK Begin TLS negotiation");
            client.startTls();
            client.send("PASS x");
            assertThat(client.readLine()).isEqualTo("-ERR Send USER first");
        }
        try (Pop3Client client = Pop3Client.implicitTls(server.implicitTls())) {
            Transcript.run(client, mailbox(user), """
                    S: +OK pop3.test Mallard POP3 ready
                    C: STLS
                    S: -ERR TLS already active
                    C: USER ${user}
                    S: +OK Send your password
                    C: PASS ${password}
                    S: +OK...
                    C: QUIT
                    S: +OK...
                    """);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
