package io.mallard.lmtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.lmtp.support.LmtpClient;
import io.mallard.lmtp.support.LmtpServer;
import io.mallard.model.user.User;

/**
 * Hostile and broken clients: every error gets its standard reply, the connection stays usable
 * where RFC 5321 allows, and nothing is stored half.
 */
@Timeout(60)
class LmtpBadInputTest {

    @TempDir
    static Path dataDir;

    private static LmtpServer server;
    private static User victim;

    @BeforeAll
    static void start() {
        server = new LmtpServer(dataDir, "mallard.lmtp.max-message-size=10000", "mallard.lmtp.max-recipients=2");
        victim = server.user("victim", "victim@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static LmtpClient greeted() {
        LmtpClient client = new LmtpClient(server.address());
        client.line();
        client.send("LHLO mta\r\n").reply();
        return client;
    }

    @Test
    void commandsOutOfOrderAre503AndLeaveTheSessionUsable() {
        try (LmtpClient client = greeted()) {
            client.send("RCPT TO:<victim@example.com>\r\nDATA\r\nMAIL FROM:<a@b.org>\r\nMAIL FROM:<a@b.org>\r\n"
                    + "DATA\r\nSTARTTLS\r\nRSET\r\nNOOP\r\n");
            assertThat(client.replies(8)).containsExactly("503 5.5.1 Bad sequence of commands",
                    "503 5.5.1 Bad sequence of commands", "250 2.1.0 Sender <a@b.org> OK",
                    "503 5.5.1 Bad sequence of commands", "503 5.5.1 No valid recipients",
                    "503 5.5.1 Bad sequence of commands", "250 2.0.0 OK", "250 2.0.0 OK");
        }
    }

    @Test
    void syntaxErrorsGarbageAddressesAndUnknownCommandsKeepTheConnection() {
        try (LmtpClient client = greeted()) {
            client.send("MAIL FROM:victim@example.com\r\nMAIL FROM:<a@b.org> SIZE=big\r\nMAIL FROM:<a@b.org>\r\n"
                    + "RCPT TO:<not an address>\r\nRCPT TO:<a@@b>\r\nRCPT TO:<\u00e9l\u00e8ve@example.com>\r\n"
                    + "RCPT TO:<x@-bad-.example>\r\nXYZZY\r\nNOOP\r\n");
            assertThat(client.replies(9)).containsExactly("501 5.5.4 Syntax error: Path must be enclosed in <>",
                    "501 5.5.4 Syntax error: SIZE must be a number", "250 2.1.0 Sender <a@b.org> OK",
                    "501 5.5.4 Syntax error: Address must be local@domain", "501 5.5.4 Syntax error: Invalid local part",
                    "553 5.6.7 Non-ASCII recipient address requires SMTPUTF8",
                    "550 5.1.1 <x@-bad-.example> No such user here", "500 5.5.1 Command unrecognized", "250 2.0.0 OK");
        }
    }

    @Test
    void overlongLinesAndBareLineFeedsAre500AndTheConnectionStays() {
        try (LmtpClient client = greeted()) {
            client.send("NOOP " + "x".repeat(20_000) + "\r\nNOOP\r\nNOOP\nNOOP\r\n");
            assertThat(client.replies(4)).containsExactly("500 5.5.2 Line too long", "250 2.0.0 OK",
                    "500 5.5.2 Line must end with CRLF", "250 2.0.0 OK");
        }
    }

    @Test
    void declaredSizeOverTheLimitIsRefusedBeforeTheContent() {
        try (LmtpClient client = greeted()) {
            client.send("MAIL FROM:<a@b.org> SIZE=10001\r\nMAIL FROM:<a@b.org> SIZE=10000\r\n");
            assertThat(client.replies(2)).containsExactly(
                    "552 5.3.4 Message size exceeds fixed maximum message size of 10000", "250 2.1.0 Sender <a@b.org> OK");
        }
    }

    @Test
    void dataLargerThanTheLimitIs552PerRecipientAndNothingIsStored() {
        int before = server.messages(victim, "INBOX").size();
        try (LmtpClient client = greeted()) {
            client.send("MAIL FROM:<a@b.org>\r\nRCPT TO:<victim@example.com>\r\nRCPT TO:<victim+tag@example.com>\r\n"
                    + "RCPT TO:<victim+more@example.com>\r\nDATA\r\n");
            assertThat(client.replies(5)).containsExactly("250 2.1.0 Sender <a@b.org> OK",
                    "250 2.1.5 <victim@example.com> Recipient OK", "250 2.1.5 <victim+tag@example.com> Recipient OK",
                    "452 4.5.3 Too many recipients", "354 Start mail input; end with <CRLF>.<CRLF>");
            client.send("Subject: big\r\n\r\n" + ("y".repeat(98) + "\r\n").repeat(200) + ".\r\nNOOP\r\n");
            assertThat(client.replies(3)).containsExactly("552 5.3.4 <victim@example.com> Message too big",
                    "552 5.3.4 <victim+tag@example.com> Message too big", "250 2.0.0 OK");
            client.send("MAIL FROM:<a@b.org>\r\nRCPT TO:<victim@example.com>\r\nBDAT 6000\r\n" + "z".repeat(6000)
                    + "BDAT 6000 LAST\r\n" + "z".repeat(6000) + "NOOP\r\n");
            assertThat(client.replies(5)).containsExactly("250 2.1.0 Sender <a@b.org> OK",
                    "250 2.1.5 <victim@example.com> Recipient OK", "250 2.0.0 6000 octets received",
                    "552 5.3.4 <victim@example.com> Message too big", "250 2.0.0 OK");
        }
        assertThat(server.messages(victim, "INBOX")).hasSize(before);
    }

    @Test
    void refusedBdatStillConsumesItsChunkSoContentCannotInjectCommands() {
        int before = server.messages(victim, "INBOX").size();
        try (LmtpClient client = greeted()) {
            String injected = "MAIL FROM:<evil@x.org>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\n";
            client.send("BDAT " + injected.length() + " LAST\r\n" + injected + "NOOP\r\n");
            assertThat(client.replies(2)).containsExactly("503 5.5.1 BDAT without MAIL FROM", "250 2.0.0 OK");
            client.send("MAIL FROM:<a@b.org>\r\nBDAT 6\r\nQUIT\r\nNOOP\r\n");
            assertThat(client.replies(3)).containsExactly("250 2.1.0 Sender <a@b.org> OK",
                    "503 5.5.1 No valid recipients", "250 2.0.0 OK");
        }
        assertThat(server.messages(victim, "INBOX")).hasSize(before);
    }

    @Test
    void dataWithoutTerminatorStoresNothingWhenTheClientGoesAway() throws Exception {
        int before = server.messages(victim, "INBOX").size();
        try (LmtpClient client = greeted()) {
            client.send("MAIL FROM:<a@b.org>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\n");
            client.replies(3);
            client.send("Subject: cut\r\n\r\nno end, and a bare dot that is not a terminator\n.\n");
        }
        Thread.sleep(300);
        assertThat(server.messages(victim, "INBOX")).hasSize(before);
    }
}
