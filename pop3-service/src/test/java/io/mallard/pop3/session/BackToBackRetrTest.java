package io.mallard.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mallard.model.user.User;
import io.mallard.pop3.support.Pop3Client;
import io.mallard.pop3.support.Pop3TestServer;

/**
 * Every RETR answer is whole and in order, session after session, when its chunks come from
 * store threads (no maildrop cache, attachments in GridFS): a terminator that overtook the last
 * chunks once made the rest of a message arrive as the answer to the next command.
 */
@Timeout(120)
class BackToBackRetrTest {

    private static final int MESSAGES = 40;
    private static final int SESSIONS = 4;

    @Test
    void everyRetrIsFramedWholeInBackToBackSessions() {
        Pop3TestServer server = Pop3TestServer.start("mallard.pop3.allow-plaintext-login=true",
                "mallard.pop3.maildrop-cache-bytes=0");
        try {
            User user = server.newUser("backtoback");
            List<String> messages = new ArrayList<>();
            Random random = new Random(3);
            for (int i = 0; i < MESSAGES; i++) {
                messages.add(withAttachment(i, random));
                server.append(user.id(), messages.get(i));
            }
            for (int session = 1; session <= SESSIONS; session++) {
                try (Pop3Client client = new Pop3Client(server.plain())) {
                    assertThat(client.readLine()).startsWith("+OK");
                    client.send("USER " + user.username());
                    assertThat(client.readLine()).startsWith("+OK");
                    client.send("PASS " + Pop3TestServer.PASSWORD);
                    assertThat(client.readLine()).startsWith("+OK");
                    for (int number = 1; number <= MESSAGES; number++) {
                        client.send("RETR " + number);
                        assertThat(client.readLine()).as("session %d, RETR %d status", session, number).startsWith("+OK");
                        assertThat(body(client)).as("session %d, RETR %d", session, number)
                                .isEqualTo(messages.get(number - 1));
                    }
                    client.send("QUIT");
                    assertThat(client.readLine()).startsWith("+OK");
                }
            }
        } finally {
            server.close();
        }
    }

    /** The lines up to the terminator, unstuffed (RFC 1939 §3), as the message text. */
    private static String body(Pop3Client client) {
        StringBuilder text = new StringBuilder();
        for (String line = client.readLine(); !".".equals(line); line = client.readLine()) {
            assertThat(line).as("terminator before end of stream").isNotNull();
            text.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return text.toString();
    }

    private static String withAttachment(int n, Random random) {
        byte[] attachment = new byte[60_000 + random.nextInt(60_000)];
        random.nextBytes(attachment);
        return "From: sender@example.org\r\n"
                + "Subject: Message " + n + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n"
                + "\r\n"
                + "--b\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + ".A line that needs stuffing, message " + n + "\r\n"
                + "--b\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment) + "\r\n"
                + "--b--\r\n";
    }
}
