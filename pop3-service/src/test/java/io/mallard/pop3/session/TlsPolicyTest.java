package io.mallard.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The defaults a production server runs with: no credentials before TLS (RFC 2595 §4), and here
 * {@code delete-mode=delete}, so DELE removes the message instead of moving it to Trash.
 */
@Timeout(60)
class TlsPolicyTest {

    private static Pop3TestServer server;

    @BeforeAll
    static void start() {
        server = Pop3TestServer.start("mallard.pop3.delete-mode=delete");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void credentialsAreRefusedBeforeStlsAndAcceptedAfter() {
        User user = server.newUser("tls");
        Message kept = server.append(user.id(), TestMessages.numbered(1));
        server.append(user.id(), TestMessages.numbered(2));
        Transcript.run(server.plain(), Map.of("user", user.username(), "password", Pop3TestServer.PASSWORD), """
                S: +OK pop3.test Mallard POP3 ready
                C: CAPA
                S: +OK Capability list follows
                S: TOP
                S: UIDL
                S: RESP-CODES
                S: AUTH-RESP-CODE
                S: PIPELINING
                S: EXPIRE NEVER
                S: STLS
                S: IMPLEMENTATION Mallard
                S: .
                C: USER ${user}
                S: -ERR [AUTH] Plaintext authentication disallowed on non-secure connections, use STLS first
                C: PASS ${password}
                S: -ERR [AUTH] Plaintext authentication disallowed on non-secure connections, use STLS first
                C: AUTH PLAIN AGEAYg==
                S: -ERR [AUTH] Plaintext authentication disallowed on non-secure connections, use STLS first
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
                C: USER ${user}
                S: +OK Send your password
                C: PASS ${password}
                S: +OK ${user} has 2 messages...
                C: DELE 2
                S: +OK Message 2 deleted
                C: QUIT
                S: +OK pop3.test signing off
                """);
        assertThat(server.messages(user.id(), "INBOX")).extracting(Message::id).containsExactly(kept.id());
        assertThat(server.messages(user.id(), "Trash")).isEmpty();
    }

    @Test
    void implicitTlsPortAcceptsCredentialsAtOnce() {
        User user = server.newUser("pop3s");
        try (Pop3Client client = Pop3Client.implicitTls(server.implicitTls())) {
            Transcript.run(client, Map.of("user", user.username(), "password", Pop3TestServer.PASSWORD), """
                    S: +OK pop3.test Mallard POP3 ready
                    C: USER ${user}
                    S: +OK Send your password
                    C: PASS ${password}
                    S: +OK ${user} has 0 messages (0 octets)
                    C: QUIT
                    S: +OK pop3.test signing off
                    """);
        }
    }
}
