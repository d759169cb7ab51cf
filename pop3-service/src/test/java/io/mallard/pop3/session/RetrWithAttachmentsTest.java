package io.mallard.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mallard.model.message.Message;
import io.mallard.model.user.User;
import io.mallard.pop3.support.Pop3Client;
import io.mallard.pop3.support.Pop3TestServer;
import io.mallard.pop3.support.TestMessages;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * RETR (RFC 1939 §7) of messages whose attachments are stored apart from the message (GridFS),
 * which the session reads a window at a time, with the attachments of a whole window in one
 * query: each message comes back byte for byte once the dot-stuffing is undone, whether its
 * attachment is shared with other messages (stored once), spans several chunks, is one of two,
 * or makes the message too large for a window (then it streams from the store).
 */
@Timeout(60)
class RetrWithAttachmentsTest {

    private final Pop3TestServer server = Pop3TestServer.shared();

    @Test
    void everyMessageComesBackByteForByteInOrderAndOutOfOrder() {
        User user = server.newUser("attach");
        byte[] shared = TestMessages.randomBytes(30_000, 1);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            messages.add(i % 3 == 0 ? TestMessages.withAttachments("shared" + i, shared)
                    : TestMessages.withAttachments("own" + i, TestMessages.randomBytes(5_000 + 25_000 * i, 100 + i)));
        }
        messages.add(TestMessages.withAttachments("chunks", TestMessages.randomBytes(600_000, 2)));
        messages.add(TestMessages.withAttachments("two", TestMessages.randomBytes(8_000, 3), shared));
        messages.add(TestMessages.numbered(15).getBytes(StandardCharsets.US_ASCII));
        // Over half the 2 MiB read-ahead: never held in a window.
        messages.add(TestMessages.withAttachments("large", TestMessages.randomBytes(1_200_000, 4)));
        messages.add(TestMessages.withAttachments("after", TestMessages.randomBytes(20_000, 5)));
        messages.forEach(raw -> server.append(user.id(), raw));

        try (Pop3Client client = loggedIn(user)) {
            for (int number = 1; number <= messages.size(); number++) {
                assertThat(retr(client, number)).as("RETR %d", number).isEqualTo(messages.get(number - 1));
            }
            for (int number : new int[] {4, 1, 16, 13}) {
                assertThat(retr(client, number)).as("RETR %d again", number).isEqualTo(messages.get(number - 1));
            }
            assertThat(client.send("QUIT").readLine()).startsWith("+OK");
        }
    }

    /**
     * RFC 1939 §5: the maildrop is the one listed at login. Each read-ahead window reads up to its
     * own last UID, not up to the mailbox's watermark, so messages delivered meanwhile (with
     * higher UIDs) stay out of the windows, the listing and the message numbers.
     */
    @Test
    void messagesDeliveredDuringTheSessionStayOutOfItsMaildrop() {
        User user = server.newUser("during");
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            messages.add(TestMessages.withAttachments("before" + i, TestMessages.randomBytes(60_000 + 10_000 * i, 200 + i)));
        }
        messages.forEach(raw -> server.append(user.id(), raw));

        try (Pop3Client client = loggedIn(user)) {
            for (int number = 1; number <= messages.size(); number++) {
                server.append(user.id(), TestMessages.withAttachments("during" + number, TestMessages.randomBytes(30_000, 300 + number)));
                assertThat(retr(client, number)).as("RETR %d", number).isEqualTo(messages.get(number - 1));
            }
            assertThat(client.send("STAT").readLine()).startsWith("+OK 10 ");
            assertThat(client.send("RETR 11").readLine()).startsWith("-ERR");
            assertThat(client.send("QUIT").readLine()).startsWith("+OK");
        }
    }

    /**
     * A client that downloads its maildrop again gets the bytes from the content cache, with the
     * store asked only which messages are still there: they come back byte for byte, and a message
     * removed by another session since login is still reported removed.
     */
    @Test
    void aSecondDownloadComesFromTheContentCacheAndStillSeesRemovals() {
        User user = server.newUser("again");
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            messages.add(TestMessages.withAttachments("again" + i, TestMessages.randomBytes(20_000 + 10_000 * i, 400 + i)));
        }
        List<Message> stored = messages.stream().map(raw -> server.append(user.id(), raw)).toList();
        try (Pop3Client client = loggedIn(user)) {
            for (int number = 1; number <= messages.size(); number++) {
                assertThat(retr(client, number)).as("first RETR %d", number).isEqualTo(messages.get(number - 1));
            }
            assertThat(client.send("QUIT").readLine()).startsWith("+OK");
        }
        MeterRegistry registry = server.bean(MeterRegistry.class);
        double hits = registry.get("cache.gets").tags("cache", "mallard.content", "result", "hit").functionCounter().count();

        try (Pop3Client client = loggedIn(user)) {
            Message removed = stored.get(2);
            server.storage().messages().delete(removed.mailbox(), removed.uid()).block();
            for (int number = 1; number <= messages.size(); number++) {
                if (number == 3) {
                    assertThat(client.send("RETR 3").readLine()).isEqualTo("-ERR Message 3 was removed by another session");
                } else {
                    assertThat(retr(client, number)).as("second RETR %d", number).isEqualTo(messages.get(number - 1));
                }
            }
            assertThat(client.send("QUIT").readLine()).startsWith("+OK");
        }
        assertThat(registry.get("cache.gets").tags("cache", "mallard.content", "result", "hit").functionCounter().count())
                .isGreaterThanOrEqualTo(hits + messages.size());
    }

    /** A session past the greeting, USER and PASS, in TRANSACTION state. */
    private Pop3Client loggedIn(User user) {
        Pop3Client client = new Pop3Client(server.plain());
        client.readLine();
        client.send("USER " + user.username()).readLine();
        assertThat(client.send("PASS " + Pop3TestServer.PASSWORD).readLine()).startsWith("+OK");
        return client;
    }

    /** The message as RETR sends it, the terminating line dropped and leading dots unstuffed. */
    private static byte[] retr(Pop3Client client, int number) {
        assertThat(client.send("RETR " + number).readLine()).startsWith("+OK");
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        for (String line = client.readLine(); !line.equals("."); line = client.readLine()) {
            message.writeBytes((line.startsWith(".") ? line.substring(1) : line).getBytes(StandardCharsets.US_ASCII));
            message.writeBytes(new byte[] {'\r', '\n'});
        }
        return message.toByteArray();
    }
}
