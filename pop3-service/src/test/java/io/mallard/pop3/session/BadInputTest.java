package io.mallard.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mallard.model.user.User;
import io.mallard.pop3.support.Pop3Client;
import io.mallard.pop3.support.Pop3TestServer;
import io.mallard.pop3.support.TestMessages;
import io.mallard.pop3.support.Transcript;

/** Whatever the client sends, the answer is a clear -ERR and the session goes on. */
@Timeout(60)
class BadInputTest {

    private final Pop3TestServer server = Pop3TestServer.shared();

    @Test
    void commandsInTheWrongStateAreRefused() {
        User user = server.newUser("state");
        Transcript.run(server.plain(), Map.of("user", user.username(), "password", Pop3TestServer.PASSWORD), """
                S: +OK...
                C: STAT
                S: -ERR STAT not allowed in authorization state
                C: LIST
                S: -ERR LIST not allowed in authorization state
                C: UIDL 1
                S: -ERR UIDL not allowed in authorization state
                C: RETR 1
                S: -ERR RETR not allowed in authorization state
                C: TOP 1 1
                S: -ERR TOP not allowed in authorization state
                C: DELE 1
                S: -ERR DELE not allowed in authorization state
                C: RSET
                S: -ERR RSET not allowed in authorization state
                C: NOOP
                S: -ERR NOOP not allowed in authorization state
                C: USER ${user}
                S: +OK...
                C: PASS ${password}
                S: +OK...
                C: USER ${user}
                S: -ERR USER not allowed in transaction state
                C: PASS ${password}
                S: -ERR PASS not allowed in transaction state
                C: STLS
                S: -ERR STLS not allowed in transaction state
                C: QUIT
                S: +OK...
                """);
    }

    @Test
    void argumentsOutOfRangeOrMalformed() {
        User user = server.newUser("range");
        server.append(user.id(), TestMessages.numbered(1));
        server.append(user.id(), TestMessages.numbered(2));
        Transcript.run(server.plain(), Map.of("user", user.username(), "password", Pop3TestServer.PASSWORD), """
                S: +OK...
                C: USER ${user}
                S: +OK...
                C: PASS ${password}
                S: +OK ${user} has 2 messages...
                C: RETR 0
                S: -ERR No such message
                C: RETR 3
                S: -ERR No such message
                C: TOP 9 0
                S: -ERR No such message
                C: LIST 999999999
                S: -ERR No such message
                C: UIDL 0
                S: -ERR No such message
                C: RETR 1000000000000
                S: -ERR Invalid number: 1000000000000
                C: RETR x
                S: -ERR Invalid number: x
                C: TOP 1
                S: -ERR Syntax: TOP msg n
                C: DELE
                S: -ERR Syntax: DELE msg
                C: DELE 1
                S: +OK Message 1 deleted
                C: DELE 1
                S: -ERR No such message
                C: RETR 1
                S: -ERR No such message
                C: LIST 1
                S: -ERR No such message
                C: STAT extra
                S: -ERR Syntax: STAT
                C: XTND XMIT
                S: -ERR Unknown command: XTND
                C:
                S: -ERR Empty command
                C: RSET
                S: +OK Maildrop has 2 messages...
                C: QUIT
                S: +OK...
                """);
        assertThat(server.messages(user.id(), "INBOX")).hasSize(2);
    }

    @Test
    void overlongLinesAndBinaryGarbageGetErrAndTheSessionGoesOn() {
        try (Pop3Client client = new Pop3Client(server.plain())) {
            client.readLine();
            client.send("USER " + "x".repeat(300));
            assertThat(client.readLine()).isEqualTo("-ERR Command line too long");
            client.send("NOOP " + "y".repeat(20_000));
            assertThat(client.readLine()).isEqualTo("-ERR Line too long");
            byte[] garbage = new byte[200];
            new Random(42).nextBytes(garbage);
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = garbage[i] == '\n' ? 0 : garbage[i];
            }
            client.sendRaw(garbage).sendRaw("\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readLine()).isEqualTo("-ERR Invalid characters in command line");
            byte[] bigGarbage = new byte[100_000];
            new Random(43).nextBytes(bigGarbage);
            client.sendRaw(bigGarbage).sendRaw("\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer;
            do {
                answer = client.readLine();
                assertThat(answer).startsWith("-ERR ");
            } while (!answer.equals("-ERR NOOP not allowed in authorization state"));
            client.sendRaw(new byte[] {(byte) 0xff, (byte) 0xfe, 'Q', 'U', 'I', 'T', '\r', '\n'});
            assertThat(client.readLine()).isEqualTo("-ERR Invalid characters in command line");
            client.sendRaw("CAPA\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readLine()).isEqualTo("+OK Capability list follows");
            String line;
            do {
                line = client.readLine();
            } while (!".".equals(line));
            client.send("QUIT");
            assertThat(client.readLine()).isEqualTo("+OK pop3.test signing off");
        }
    }

    @Test
    void overlongSaslResponseEndsTheExchangeNotTheSession() {
        try (Pop3Client client = new Pop3Client(server.plain())) {
            client.readLine();
            client.send("AUTH PLAIN");
            assertThat(client.readLine()).isEqualTo("+ ");
            client.send("A".repeat(5000));
            assertThat(client.readLine()).isEqualTo("-ERR [AUTH] SASL response too long");
            client.send("AUTH LOGIN");
            assertThat(client.readLine()).isEqualTo("+ VXNlcm5hbWU6");
            client.send("A".repeat(10_000));
            assertThat(client.readLine()).isEqualTo("-ERR [AUTH] SASL response too long");
            client.send("QUIT");
            assertThat(client.readLine()).isEqualTo("+OK pop3.test signing off");
        }
    }
}
