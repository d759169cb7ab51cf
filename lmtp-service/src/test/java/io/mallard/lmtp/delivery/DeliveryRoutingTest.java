package io.mallard.lmtp.delivery;

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
import io.mallard.model.user.UserSettings;

/** Where a delivered copy lands: Junk for spam, nowhere new for a duplicate. */
@Timeout(60)
class DeliveryRoutingTest {

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

    private static String deliver(String rcpt, String message) {
        try (LmtpClient client = new LmtpClient(server.address())) {
            client.line();
            client.send("LHLO mta\r\n").reply();
            client.send("MAIL FROM:<s@example.net>\r\nRCPT TO:<" + rcpt + ">\r\nDATA\r\n");
            client.replies(3);
            client.send(message + ".\r\nQUIT\r\n");
            return client.line();
        }
    }

    @Test
    void spamHeaderAndRspamdScoreRouteToJunkPerUserLevel() {
        User normal = server.user("spamnormal", "normal@spam.example");
        User lenient = server.user("spamlenient", "lenient@spam.example",
                new UserSettings(0, UserSettings.DEFAULTS.limits(), 90, java.util.List.of(), java.util.Set.of(), false));
        assertThat(deliver("normal@spam.example", "X-Spam-Status: Yes, score=9\r\nSubject: buy\r\n\r\nspam\r\n"))
                .isEqualTo("250 2.0.0 <normal@spam.example> Delivered to Junk");
        assertThat(deliver("normal@spam.example", "X-Rspamd-Score: 6.2\r\nSubject: maybe\r\n\r\nhmm\r\n"))
                .isEqualTo("250 2.0.0 <normal@spam.example> Delivered to Junk");
        assertThat(deliver("normal@spam.example", "X-Spam-Status: No\r\nSubject: fine\r\n\r\nok\r\n"))
                .isEqualTo("250 2.0.0 <normal@spam.example> Delivered");
        assertThat(deliver("lenient@spam.example", "X-Rspamd-Score: 6.2\r\nSubject: maybe\r\n\r\nhmm\r\n"))
                .isEqualTo("250 2.0.0 <lenient@spam.example> Delivered");

        assertThat(server.messages(normal, "Junk")).extracting(m -> m.subject()).containsExactly("buy", "maybe");
        assertThat(server.messages(normal, "INBOX")).extracting(m -> m.subject()).containsExactly("fine");
        assertThat(server.messages(lenient, "INBOX")).hasSize(1);
    }

    @Test
    void sameMessageIdTwiceIsAcknowledgedButStoredOnce() {
        User user = server.user("dupuser", "dup@example.com");
        String message = "Message-ID: <once@example.net>\r\nSubject: once\r\n\r\nbody\r\n";
        assertThat(deliver("dup@example.com", message)).isEqualTo("250 2.0.0 <dup@example.com> Delivered");
        assertThat(deliver("dup+tag@example.com", message))
                .isEqualTo("250 2.0.0 <dup+tag@example.com> Duplicate ignored, already delivered");
        assertThat(deliver("dup@example.com", "Message-ID: <other@example.net>\r\nSubject: other\r\n\r\nbody\r\n"))
                .isEqualTo("250 2.0.0 <dup@example.com> Delivered");
        assertThat(server.messages(user, "INBOX")).extracting(m -> m.messageId())
                .containsExactly("<once@example.net>", "<other@example.net>");
    }

    @Test
    void twoAliasesOfOneMailboxInOneTransactionStoreOneCopy() {
        User user = server.user("aliased", "aliased@example.com");
        try (LmtpClient client = new LmtpClient(server.address())) {
            client.line();
            client.send("LHLO mta\r\n").reply();
            client.send("MAIL FROM:<s@example.net>\r\nRCPT TO:<aliased@example.com>\r\nRCPT TO:<aliased+x@example.com>\r\n"
                    + "RCPT TO:<a.liased@example.com>\r\nDATA\r\n");
            client.replies(5);
            client.send("Message-ID: <alias@example.net>\r\nSubject: once\r\n\r\nbody\r\n.\r\n");
            assertThat(client.replies(3)).containsExactly("250 2.0.0 <aliased@example.com> Delivered",
                    "250 2.0.0 <aliased+x@example.com> Duplicate ignored, already delivered",
                    "250 2.0.0 <a.liased@example.com> Duplicate ignored, already delivered");
        }
        assertThat(server.messages(user, "INBOX")).hasSize(1);
    }
}
