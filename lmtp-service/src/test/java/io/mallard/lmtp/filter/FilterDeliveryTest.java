package io.mallard.lmtp.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.mallard.lmtp.support.LmtpClient;
import io.mallard.lmtp.support.LmtpServer;
import io.mallard.model.filter.FilterAction;
import io.mallard.model.filter.FilterQuery;
import io.mallard.model.filter.FilterStore;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.testing.SmtpSink;
import io.mallard.model.user.User;

/** Every filter action on real deliveries: seen, flag, delete, spam, move, forward, webhook. */
@Timeout(60)
class FilterDeliveryTest {

    @TempDir
    Path dataDir;

    @Test
    void eachActionShapesTheStoredCopy() throws Exception {
        BlockingQueue<String> hooks = new LinkedBlockingQueue<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/in", exchange -> {
            hooks.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        try (SmtpSink sink = new SmtpSink(0);
             LmtpServer server = new LmtpServer(dataDir, "mallard.relay.host=127.0.0.1",
                     "mallard.relay.port=" + sink.port(), "mallard.relay.poll=100ms")) {
            User user = server.user("filtered", "filtered@example.com");
            FilterStore filters = server.bean(FilterStore.class);
            filters.create(user.id(), "read", query(null, "flagme"), action(true, true, false, false, null, null, null)).block();
            filters.create(user.id(), "drop", query("spammer@", null), action(false, false, true, false, null, null, null)).block();
            filters.create(user.id(), "junk", query(null, "casino"), action(false, false, false, true, null,
                    List.of("never@elsewhere.example"), null)).block();
            ObjectId archive = server.bean(MailStorage.class).mailboxes().require(user.id(), "Archive").block().id();
            filters.create(user.id(), "file", query(null, "archive me"), action(false, false, false, false, archive,
                    null, null)).block();
            filters.create(user.id(), "pass", query(null, "pass on"), action(false, false, false, false, null,
                    List.of("friend@elsewhere.example"), List.of("http://127.0.0.1:" + webhook.getAddress().getPort() + "/in"))).block();

            assertThat(deliver(server, "a@x.example", "flagme please")).endsWith("Delivered");
            assertThat(deliver(server, "spammer@x.example", "hello")).endsWith("Discarded by filter");
            assertThat(deliver(server, "b@x.example", "casino bonus")).endsWith("Delivered to Junk");
            assertThat(deliver(server, "c@x.example", "archive me")).endsWith("Delivered");
            assertThat(deliver(server, "d@x.example", "pass on")).endsWith("Delivered");

            List<Message> inbox = server.messages(user, "INBOX");
            assertThat(inbox).extracting(Message::subject).containsExactly("flagme please", "pass on");
            assertThat(inbox.get(0).flags()).containsExactlyInAnyOrder("\\Seen", "\\Flagged");
            assertThat(inbox.get(1).flags()).isEmpty();
            assertThat(server.messages(user, "Junk")).extracting(Message::subject).containsExactly("casino bonus");
            assertThat(server.messages(user, "Archive")).extracting(Message::subject).containsExactly("archive me");

            SmtpSink.Received forwarded = sink.received().poll(20, TimeUnit.SECONDS);
            assertThat(forwarded.to()).containsExactly("friend@elsewhere.example");
            assertThat(forwarded.data()).contains("Subject: pass on");
            assertThat(sink.received().poll(500, TimeUnit.MILLISECONDS)).as("spam is never forwarded").isNull();
            assertThat(hooks.poll(10, TimeUnit.SECONDS)).startsWith("message/rfc822 Return-Path: <d@x.example>")
                    .contains("Subject: pass on");
        } finally {
            webhook.stop(0);
        }
    }

    private static FilterQuery query(String from, String subject) {
        return new FilterQuery(from, null, subject, null, null, null, null);
    }

    private static FilterAction action(boolean seen, boolean flag, boolean delete, boolean spam, ObjectId mailbox,
            List<String> forwards, List<String> webhooks) {
        return new FilterAction(seen, flag, delete, spam, mailbox, forwards, webhooks);
    }

    private static String deliver(LmtpServer server, String from, String subject) {
        try (LmtpClient client = new LmtpClient(server.address())) {
            client.line();
            client.send("LHLO mta\r\n").reply();
            client.send("MAIL FROM:<" + from + ">\r\nRCPT TO:<filtered@example.com>\r\nDATA\r\n");
            client.replies(3);
            client.send("From: " + from + "\r\nSubject: " + subject + "\r\n\r\nbody\r\n.\r\n");
            return client.line();
        }
    }
}
