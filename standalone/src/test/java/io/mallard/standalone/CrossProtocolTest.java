package io.mallard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.Disposable;

/**
 * Issue #8's cross-protocol acceptance, on the standalone platform (every service in one JVM over
 * one set of embedded stores), with real clients only: a message uploaded through the REST API
 * (behind the gateway) comes back byte for byte over IMAP and POP3 (Angus Mail), and a flag set
 * over IMAP shows in the API and arrives on the API's Server-Sent Events stream.
 */
class CrossProtocolTest {

    static final String ROOT = "cross-protocol-root-token-0123456789";
    static final String PASSWORD = "cross-protocol secret";

    /** Every line ends in CRLF (POP3 cannot carry anything else), with what a re-encoder would change. */
    static final byte[] MESSAGE = ("Received: from mx.example.net by mallard; Mon, 23 Nov 2026 10:00:00 +0000\r\n"
            + "From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.net>\r\n"
            + "To: cross@example.com\r\n"
            + "Subject: Caf\u00e9 numbers   \r\n\tfolded on\r\n"
            + "Message-ID: <cross-protocol@example.net>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n\r\n"
            + "Gr\u00fc\u00dfe  \r\n"
            + ".a line that POP3 dot-stuffs\r\n"
            + "..and one that starts with two dots\r\n"
            + "x".repeat(990) + "\r\n"
            + "\r\n").getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext platform;
    static int http;
    static int imap;
    static int pop3;
    static WebTestClient client;

    @BeforeAll
    static void start() throws IOException {
        http = freePort();
        imap = freePort();
        pop3 = freePort();
        platform = StandaloneApplication.start("--mallard.data.dir=" + dataDir, "--mallard.root.token=" + ROOT,
                "--mallard.http.port=" + http, "--mallard.api.port=" + freePort(), "--mallard.auth.port=" + freePort(),
                "--mallard.acme.port=" + freePort(), "--mallard.imap.port=" + imap, "--mallard.imap.tls-port=" + freePort(),
                "--mallard.pop3.port=" + pop3, "--mallard.pop3.tls-port=" + freePort(), "--mallard.lmtp.port=" + freePort(),
                "--mallard.imap.allow-plaintext-login=true", "--mallard.pop3.allow-plaintext-login=true");
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + http).responseTimeout(Duration.ofSeconds(60))
                .build();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void apiUploadIsByteIdenticalOverImapAndPop3AndAnImapFlagShowsInTheApiAndOnTheStream() throws Exception {
        String user = (String) post(ROOT, "/users", Map.of("username", "cross", "password", PASSWORD,
                "address", "cross@example.com")).get("id");
        String token = (String) post(null, "/authenticate", Map.of("username", "cross", "password", PASSWORD,
                "token", true)).get("token");
        String inbox = ((List<Map<String, Object>>) client.get().uri("/users/me/mailboxes").header("X-Access-Token", token)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("results"))
                .stream().filter(mailbox -> "INBOX".equals(mailbox.get("path"))).findFirst().orElseThrow().get("id")
                .toString();

        BlockingQueue<ServerSentEvent<Map<String, Object>>> events = new LinkedBlockingQueue<>();
        Disposable stream = client.mutate().responseTimeout(Duration.ofMinutes(2)).build().get().uri("/users/me/updates")
                .accept(MediaType.TEXT_EVENT_STREAM).header("X-Access-Token", token).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
                }).getResponseBody().filter(event -> event.data() != null).subscribe(events::add);
        try {
            Map<String, Object> uploaded = client.post().uri("/users/me/mailboxes/{m}/messages?unseen=true", inbox)
                    .header("X-Access-Token", token).contentType(MediaType.parseMediaType("message/rfc822"))
                    .bodyValue(MESSAGE).exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                    .getResponseBody();
            int uid = (Integer) ((Map<String, Object>) uploaded.get("message")).get("id");
            assertThat(next(events).get("command")).isEqualTo("EXISTS");

            Store imapStore = session().getStore("imap");
            imapStore.connect("127.0.0.1", imap, "cross", PASSWORD);
            try {
                Folder folder = imapStore.getFolder("INBOX");
                folder.open(Folder.READ_WRITE);
                Message fetched = folder.getMessage(1);
                assertThat(bytes(fetched)).as("IMAP BODY[]").isEqualTo(MESSAGE);
                fetched.setFlag(Flags.Flag.FLAGGED, true);
                folder.close(false);
            } finally {
                imapStore.close();
            }

            Map<String, Object> flagged = next(events);
            assertThat(flagged).containsEntry("command", "FLAGS").containsEntry("uid", uid);
            assertThat((List<String>) flagged.get("flags")).contains("\\Flagged");
            client.get().uri("/users/{u}/mailboxes/{m}/messages/{id}", user, inbox, uid).header("X-Access-Token", token)
                    .exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.flagged").isEqualTo(true)
                    .jsonPath("$.seen").isEqualTo(false);

            Store pop3Store = session().getStore("pop3");
            pop3Store.connect("127.0.0.1", pop3, "cross", PASSWORD);
            try {
                Folder folder = pop3Store.getFolder("INBOX");
                folder.open(Folder.READ_ONLY);
                assertThat(folder.getMessageCount()).isEqualTo(1);
                assertThat(bytes(folder.getMessage(1))).as("POP3 RETR").isEqualTo(MESSAGE);
                folder.close(false);
            } finally {
                pop3Store.close();
            }
        } finally {
            stream.dispose();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> post(String token, String uri, Map<String, Object> body) {
        return client.post().uri(uri).headers(headers -> {
            if (token != null) {
                headers.set("X-Access-Token", token);
            }
        }).bodyValue(body).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private static Map<String, Object> next(BlockingQueue<ServerSentEvent<Map<String, Object>>> events)
            throws InterruptedException {
        ServerSentEvent<Map<String, Object>> event = events.poll(30, TimeUnit.SECONDS);
        assertThat(event).as("an event on the stream").isNotNull();
        return event.data();
    }

    private static Session session() {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "10000");
        properties.put("mail.imap.timeout", "30000");
        // BODY.PEEK[]: reading leaves \Seen alone, so the one flag change is the test's own.
        properties.put("mail.imap.peek", "true");
        properties.put("mail.pop3.connectiontimeout", "10000");
        properties.put("mail.pop3.timeout", "30000");
        return Session.getInstance(properties);
    }

    /** The message as the server sent it: Angus streams BODY[] and RETR through unchanged. */
    private static byte[] bytes(Message message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
