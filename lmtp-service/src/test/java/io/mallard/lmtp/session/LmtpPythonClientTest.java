package io.mallard.lmtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.lmtp.support.LmtpServer;
import io.mallard.model.message.Message;
import io.mallard.model.user.User;
import io.mallard.model.user.UserSettings;

/**
 * Python's {@code smtplib.LMTP} against the real server: STARTTLS, SMTPUTF8 and 8-bit content,
 * and a transaction mixing valid, unknown, over-quota and forwarded-only recipients.
 */
@Timeout(90)
class LmtpPythonClientTest {

    @TempDir
    static Path dataDir;

    private static LmtpServer server;

    @BeforeAll
    static void start() {
        server = new LmtpServer(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void mixedTransactionOverTlsWithUtf8AddressesGetsOneReplyPerRecipient() throws Exception {
        User greek = server.user("greek", "δοκιμή@παράδειγμα.example");
        User plain = server.user("plain", "plain@example.com");
        server.user("tight", "tight@example.com", UserSettings.DEFAULTS.withQuota(50));
        server.forwarded("list@example.com", "someone@example.org");
        byte[] message = ("From: Jörg <jörg@bücher.example>\r\nTo: δοκιμή@παράδειγμα.example\r\n"
                + "Subject: Grüße\r\nMessage-ID: <utf8-1@example.net>\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nΚαλημέρα κόσμε, 8-bit body.\r\n.hidden dot line\r\n")
                .getBytes(StandardCharsets.UTF_8);

        List<String[]> result = run(message, "jörg@bücher.example", "δοκιμή@παράδειγμα.example", "nobody@example.com",
                "tight@example.com", "list@example.com", "plain@example.com");

        assertThat(lines(result, "features").get(0)).contains("smtputf8", "chunking", "pipelining", "8bitmime");
        assertThat(lines(result, "rcpt")).containsExactly("δοκιμή@παράδειγμα.example 250 2.1.5 <δοκιμή@παράδειγμα.example> Recipient OK",
                "nobody@example.com 550 5.1.1 <nobody@example.com> No such user here",
                "tight@example.com 250 2.1.5 <tight@example.com> Recipient OK",
                "list@example.com 250 2.1.5 <list@example.com> Recipient OK",
                "plain@example.com 250 2.1.5 <plain@example.com> Recipient OK");
        List<String> data = lines(result, "data");
        assertThat(data).containsExactly(
                "δοκιμή@παράδειγμα.example 250 2.0.0 <δοκιμή@παράδειγμα.example> Delivered",
                "tight@example.com 452 4.2.2 <tight@example.com> Mailbox full",
                "list@example.com 250 2.1.5 <list@example.com> Queued for forwarding",
                "plain@example.com 250 2.0.0 <plain@example.com> Delivered");

        Message stored = server.messages(greek, "INBOX").get(0);
        String raw = new String(server.raw(stored), StandardCharsets.UTF_8);
        assertThat(raw).startsWith("Return-Path: <jörg@bücher.example>\r\nDelivered-To: δοκιμή@παράδειγμα.example\r\n")
                .contains(" with UTF8LMTPS id ");
        byte[] bytes = server.raw(stored);
        assertThat(new String(bytes, bytes.length - message.length, message.length, StandardCharsets.UTF_8))
                .isEqualTo(new String(message, StandardCharsets.UTF_8));
        assertThat(server.messages(plain, "INBOX")).hasSize(1);
    }

    private static List<String> lines(List<String[]> output, String kind) {
        return output.stream().filter(line -> line[0].equals(kind))
                .map(line -> String.join(" ", java.util.Arrays.asList(line).subList(1, line.length))).toList();
    }

    private static List<String[]> run(byte[] message, String sender, String... recipients) throws Exception {
        Path script = Path.of("src/test/resources/lmtp_client.py").toAbsolutePath();
        Path messageFile = Files.write(dataDir.resolve("message.eml"), message);
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), "127.0.0.1",
                String.valueOf(server.address().getPort()), sender, messageFile.toString()));
        command.addAll(List.of(recipients));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python client finished").isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isZero();
            return output.lines().map(line -> line.split("\t")).toList();
        } finally {
            process.destroyForcibly();
        }
    }
}
