package io.mallard.lmtp.autoreply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.lmtp.support.LmtpClient;
import io.mallard.lmtp.support.LmtpServer;
import io.mallard.model.autoreply.Autoreply;
import io.mallard.model.autoreply.AutoreplyStore;
import io.mallard.model.testing.SmtpSink;
import io.mallard.model.user.User;

/**
 * Vacation replies through the relay (an in-test SMTP sink): one per sender per period, none to
 * lists, bulk, automatic or robot mail, none when the user is not in To/Cc, none outside the dates.
 */
@Timeout(60)
class AutoreplyTest {

    @TempDir
    Path dataDir;

    @Test
    void repliesOncePerSenderAndNeverIntoALoop() throws Exception {
        try (SmtpSink sink = new SmtpSink(0);
             LmtpServer server = new LmtpServer(dataDir, "mallard.relay.host=127.0.0.1",
                     "mallard.relay.port=" + sink.port(), "mallard.relay.poll=100ms")) {
            User away = server.user("away", "away@example.com");
            User later = server.user("later", "later@example.com");
            AutoreplyStore store = server.bean(AutoreplyStore.class);
            Instant now = Instant.now();
            store.set(away.id(), new Autoreply(true, null, "", "I am away until Monday.\nRegards", null,
                    now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS), now)).block();
            store.set(later.id(), new Autoreply(true, null, "Away", "later", null, now.plus(1, ChronoUnit.DAYS), null, now)).block();

            deliver(server, "friend@x.example", "away@example.com", "To: Away <away+work@example.com>\r\n");
            SmtpSink.Received reply = sink.received().poll(20, TimeUnit.SECONDS);
            assertThat(reply).isNotNull();
            assertThat(reply.from()).isEmpty();
            assertThat(reply.to()).containsExactly("friend@x.example");
            assertThat(reply.data()).contains("From: <away@example.com>\r\n", "To: <friend@x.example>\r\n",
                    "Subject: Auto: hello\r\n", "In-Reply-To: <m-friend@x.example>\r\n",
                    "Auto-Submitted: auto-replied\r\n", "\r\n\r\nI am away until Monday.\r\nRegards\r\n");

            deliver(server, "friend@x.example", "away@example.com", "To: away@example.com\r\n");
            deliver(server, "list@x.example", "away@example.com", "To: away@example.com\r\nList-Id: <l.x.example>\r\n");
            deliver(server, "news@x.example", "away@example.com", "To: away@example.com\r\nList-Unsubscribe: <mailto:u@x>\r\n");
            deliver(server, "bulk@x.example", "away@example.com", "To: away@example.com\r\nPrecedence: bulk\r\n");
            deliver(server, "robot@x.example", "away@example.com", "To: away@example.com\r\nAuto-Submitted: auto-generated\r\n");
            deliver(server, "MAILER-DAEMON@x.example", "away@example.com", "To: away@example.com\r\n");
            deliver(server, "noreply@x.example", "away@example.com", "To: away@example.com\r\n");
            deliver(server, "", "away@example.com", "To: away@example.com\r\n");
            deliver(server, "bcc@x.example", "away@example.com", "To: someone@else.example\r\n");
            deliver(server, "early@x.example", "later@example.com", "To: later@example.com\r\n");
            deliver(server, "spam@x.example", "away@example.com", "To: away@example.com\r\nX-Spam-Status: Yes\r\n");
            deliver(server, "other@x.example", "away@example.com", "Cc: away@example.com\r\n");

            SmtpSink.Received second = sink.received().poll(20, TimeUnit.SECONDS);
            assertThat(second.to()).containsExactly("other@x.example");
            assertThat(sink.received().poll(1, TimeUnit.SECONDS)).isNull();
            // 12 to away: the spam went to Junk and friend's second copy (same Message-ID) was a duplicate.
            assertThat(server.messages(away, "INBOX").size()).isEqualTo(10);
        }
    }

    private static void deliver(LmtpServer server, String from, String rcpt, String headers) {
        try (LmtpClient client = new LmtpClient(server.address())) {
            client.line();
            client.send("LHLO mta\r\n").reply();
            client.send("MAIL FROM:<" + from + ">\r\nRCPT TO:<" + rcpt + ">\r\nDATA\r\n");
            client.replies(3);
            String messageFrom = from.isEmpty() ? "postmaster@x.example" : from;
            client.send("From: <" + messageFrom + ">\r\n" + headers + "Subject: hello\r\nMessage-ID: <m-" + messageFrom
                    + ">\r\n\r\nbody\r\n.\r\n");
            assertThat(client.line()).startsWith("250 ");
        }
    }
}
