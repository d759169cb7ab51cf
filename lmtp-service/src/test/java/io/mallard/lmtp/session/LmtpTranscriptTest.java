package io.mallard.lmtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.MeterRegistry;
import io.mallard.lmtp.support.LmtpClient;
import io.mallard.lmtp.support.LmtpServer;
import io.mallard.model.message.Message;
import io.mallard.model.user.User;
import io.mallard.model.user.UserSettings;

/** C:/S: transcripts over a real socket against the real service on the embedded stores. */
@Timeout(60)
class LmtpTranscriptTest {

    @TempDir
    static Path dataDir;

    private static LmtpServer server;

    @BeforeAll
    static void start() {
        server = new LmtpServer(dataDir, "mallard.lmtp.max-message-size=100000", "mallard.lmtp.max-recipients=3");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static LmtpClient greeted() {
        LmtpClient client = new LmtpClient(server.address());
        assertThat(client.line()).isEqualTo("220 " + LmtpServer.HOST_NAME + " Mallard LMTP ready");
        client.send("LHLO mta.example.net\r\n");
        assertThat(client.reply()).contains("250-PIPELINING", "250-ENHANCEDSTATUSCODES", "250-CHUNKING",
                "250-SMTPUTF8", "250-8BITMIME");
        return client;
    }

    private static String message(String messageId, String body) {
        return "From: sender@example.net\r\nTo: someone@example.com\r\nSubject: test\r\nMessage-ID: <" + messageId
                + ">\r\n\r\n" + body;
    }

    /** The stored copy minus the prepended trace fields (Return-Path, Delivered-To, 3-line Received). */
    private static String original(byte[] stored) {
        String text = new String(stored, StandardCharsets.UTF_8);
        assertThat(text).startsWith("Return-Path: <");
        int received = text.indexOf("\r\nReceived: ");
        int end = text.indexOf("\r\n", text.indexOf("\tfor <", received)) + 2;
        return text.substring(end);
    }

    @Test
    void lhloAdvertisesExtensionsAndSmtpGreetingsAreRefused() {
        try (LmtpClient client = new LmtpClient(server.address())) {
            client.line();
            client.send("EHLO x\r\nHELO x\r\nMAIL FROM:<a@b.org>\r\nLHLO mta\r\n");
            assertThat(client.replies(3)).containsExactly("500 5.5.1 EHLO is not LMTP, use LHLO",
                    "500 5.5.1 HELO is not LMTP, use LHLO", "503 5.5.1 Send LHLO first");
            List<String> lhlo = client.reply();
            assertThat(lhlo.get(0)).isEqualTo("250-" + LmtpServer.HOST_NAME);
            assertThat(lhlo).contains("250-SIZE 100000", "250 STARTTLS");
            client.send("VRFY bob\r\nNOOP\r\nQUIT\r\n");
            assertThat(client.replies(3)).containsExactly(
                    "252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery", "250 2.0.0 OK",
                    "221 2.0.0 " + LmtpServer.HOST_NAME + " closing connection");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void eachAcceptedRecipientGetsItsOwnReplyInRcptOrder() {
        User alice = server.user("mixalice", "alice@mix.example");
        User full = server.user("mixfull", "full@mix.example", UserSettings.DEFAULTS.withQuota(100));
        server.user("mixoff", "off@mix.example", UserSettings.DEFAULTS.withDisabled(true));
        server.forwarded("fwd@mix.example", "elsewhere@example.org");
        try (LmtpClient client = greeted()) {
            client.send("MAIL FROM:<sender@example.net> BODY=8BITMIME\r\n");
            assertThat(client.line()).isEqualTo("250 2.1.0 Sender <sender@example.net> OK");
            client.send("RCPT TO:<alice@mix.example>\r\nRCPT TO:<ghost@mix.example>\r\nRCPT TO:<full@mix.example>\r\n"
                    + "RCPT TO:<off@mix.example>\r\nRCPT TO:<fwd@mix.example>\r\nDATA\r\n");
            assertThat(client.replies(6)).containsExactly("250 2.1.5 <alice@mix.example> Recipient OK",
                    "550 5.1.1 <ghost@mix.example> No such user here", "250 2.1.5 <full@mix.example> Recipient OK",
                    "550 5.2.1 <off@mix.example> Mailbox disabled", "250 2.1.5 <fwd@mix.example> Recipient OK",
                    "354 Start mail input; end with <CRLF>.<CRLF>");
            client.send(message("mix-1@example.net", "Hello, mixed world.\r\n") + ".\r\n");
            assertThat(client.replies(3)).containsExactly("250 2.0.0 <alice@mix.example> Delivered",
                    "452 4.2.2 <full@mix.example> Mailbox full", "250 2.1.5 <fwd@mix.example> Queued for forwarding");
        }
        List<Message> inbox = server.messages(alice, "INBOX");
        assertThat(inbox).hasSize(1);
        String stored = new String(server.raw(inbox.get(0)), StandardCharsets.UTF_8);
        assertThat(stored).startsWith("Return-Path: <sender@example.net>\r\nDelivered-To: alice@mix.example\r\n"
                + "Received: from mta.example.net ([127.0.0.1])\r\n\tby " + LmtpServer.HOST_NAME + " (Mallard) with LMTP id ");
        assertThat(original(server.raw(inbox.get(0)))).isEqualTo(message("mix-1@example.net", "Hello, mixed world.\r\n"));
        assertThat(server.messages(full, "INBOX")).isEmpty();
        MeterRegistry meters = server.bean(MeterRegistry.class);
        assertThat(meters.get("mallard.lmtp.deliveries").tag("outcome", "over_quota").counter().count()).isEqualTo(1);
        assertThat(meters.get("mallard.lmtp.deliveries").tag("outcome", "forwarded").counter().count()).isEqualTo(1);
        assertThat(meters.get("mallard.lmtp.delivery.latency").timer().count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void dotStuffedLinesAreStoredUnstuffedByteForByte() {
        User user = server.user("dots", "dots@example.com");
        String body = "first\r\n.leading dot\r\n..two dots\r\n.\tdot tab\r\nlast line\r\n";
        String stuffed = "first\r\n..leading dot\r\n...two dots\r\n..\tdot tab\r\nlast line\r\n";
        try (LmtpClient client = greeted()) {
            client.send("MAIL FROM:<>\r\nRCPT TO:<dots@example.com>\r\nDATA\r\n");
            client.replies(3);
            client.send(message("dots@example.net", stuffed) + ".\r\n");
            assertThat(client.line()).isEqualTo("250 2.0.0 <dots@example.com> Delivered");
        }
        Message stored = server.messages(user, "INBOX").get(0);
        assertThat(original(server.raw(stored))).isEqualTo(message("dots@example.net", body));
        assertThat(new String(server.raw(stored), StandardCharsets.UTF_8)).startsWith("Return-Path: <>\r\n");
    }

    @Test
    void bdatChunksAreJoinedAndTheirContentIsNeverReadAsCommands() {
        User user = server.user("chunks", "chunks@example.com");
        byte[] whole = message("bdat@example.net", "QUIT\r\nRSET\r\n.\r\nend\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] first = Arrays.copyOfRange(whole, 0, 40);
        byte[] second = Arrays.copyOfRange(whole, 40, whole.length);
        try (LmtpClient client = greeted()) {
            client.send("MAIL FROM:<a@example.net>\r\nRCPT TO:<chunks@example.com>\r\nBDAT " + first.length + "\r\n");
            client.send(first);
            client.send("BDAT " + second.length + " LAST\r\n");
            client.send(second);
            client.send("NOOP\r\n");
            assertThat(client.replies(5)).containsExactly("250 2.1.0 Sender <a@example.net> OK",
                    "250 2.1.5 <chunks@example.com> Recipient OK", "250 2.0.0 40 octets received",
                    "250 2.0.0 <chunks@example.com> Delivered", "250 2.0.0 OK");
        }
        assertThat(original(server.raw(server.messages(user, "INBOX").get(0))))
                .isEqualTo(new String(whole, StandardCharsets.UTF_8));
    }

    @Test
    void pipelinedTransactionsAreAnsweredInOrder() {
        User one = server.user("pipeone", "one@pipe.example");
        User two = server.user("pipetwo", "two@pipe.example");
        try (LmtpClient client = greeted()) {
            StringBuilder pipelined = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                String content = message("pipe-" + i + "@example.net", "body " + i + "\r\n");
                pipelined.append("MAIL FROM:<s@example.net>\r\nRCPT TO:<one@pipe.example>\r\nRCPT TO:<two@pipe.example>\r\n")
                        .append("DATA\r\n").append(content).append(".\r\n");
            }
            pipelined.append("RSET\r\nQUIT\r\n");
            client.send(pipelined.toString());
            List<String> replies = client.replies(3 * 6 + 2);
            for (int i = 0; i < 3; i++) {
                assertThat(replies.subList(i * 6, i * 6 + 6)).containsExactly("250 2.1.0 Sender <s@example.net> OK",
                        "250 2.1.5 <one@pipe.example> Recipient OK", "250 2.1.5 <two@pipe.example> Recipient OK",
                        "354 Start mail input; end with <CRLF>.<CRLF>", "250 2.0.0 <one@pipe.example> Delivered",
                        "250 2.0.0 <two@pipe.example> Delivered");
            }
            assertThat(replies.get(19)).startsWith("221 2.0.0");
        }
        assertThat(server.messages(one, "INBOX")).hasSize(3);
        assertThat(server.messages(two, "INBOX")).extracting(Message::messageId)
                .containsExactly("<pipe-0@example.net>", "<pipe-1@example.net>", "<pipe-2@example.net>");
    }
}
