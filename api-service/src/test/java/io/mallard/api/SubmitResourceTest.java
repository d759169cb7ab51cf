package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.mallard.model.ratelimit.DailyCounter;
import io.mallard.model.store.RedisStore;
import io.mallard.model.testing.SmtpSink;
import io.mallard.model.user.User;

/**
 * {@code POST /users/{user}/submit}: composed by Angus Mail, stored in Sent, queued, and relayed to
 * an SMTP sink; read back with Angus Mail as a client would.
 */
class SubmitResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String MESSAGES = "/users/{u}/mailboxes/{m}/messages";

    static MimeMessage parse(String data) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void composedMessageIsStoredInSentAndRelayedWithoutBcc() throws Exception {
        User lea = server.user("lea");
        String token = server.token(lea);
        String to = lea.username() + "-to@elsewhere.example";
        byte[] pdf = "%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII);
        Map<String, Object> body = server.post(token, map(
                "from", map("name", "L\u00e9a", "address", lea.username() + "@example.com"),
                "to", List.of(map("name", "To Person", "address", to)),
                "cc", List.of(map("address", "cc@elsewhere.example")),
                "bcc", List.of(map("address", "hidden@elsewhere.example")),
                "subject", "Caf\u00e9 plans",
                "text", "See you at the caf\u00e9.",
                "html", "<p>See you at the <b>caf\u00e9</b>.</p>",
                "headers", List.of(map("key", "X-Campaign", "value", "spring")),
                "attachments", List.of(map("filename", "plan.pdf", "contentType", "application/pdf",
                        "content", Base64.getEncoder().encodeToString(pdf)))), "/users/me/submit")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> message = (Map<String, Object>) body.get("message");
        assertThat(message.get("queueId")).isNotNull();

        SmtpSink.Received relayed = server.relayedTo(to);
        assertThat(relayed).isNotNull();
        assertThat(relayed.from()).isEqualTo(lea.username() + "@example.com");
        assertThat(relayed.to()).containsExactly(to, "cc@elsewhere.example", "hidden@elsewhere.example");
        assertThat(relayed.data()).doesNotContainIgnoringCase("\r\nBcc:").contains("X-Campaign: spring");
        MimeMessage sent = parse(relayed.data());
        assertThat(sent.getSubject()).isEqualTo("Caf\u00e9 plans");
        Multipart mixed = (Multipart) sent.getContent();
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("See you at the caf\u00e9.");
        Part attachment = mixed.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("plan.pdf");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(pdf);

        String copy = new String(server.get(token, MESSAGES + "/{id}/message.eml", "me", message.get("mailbox"),
                message.get("id")).exchange().expectStatus().isOk().expectBody(byte[].class).returnResult()
                .getResponseBody(), StandardCharsets.UTF_8);
        assertThat(copy).contains("hidden@elsewhere.example").contains(sent.getMessageID());
        server.get(token, "/users/me/mailboxes").exchange().expectBody()
                .jsonPath("$.results[?(@.specialUse == '\\\\Sent')].id").isEqualTo(List.of(message.get("mailbox")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void replyAllAnswersTheReferencedMessageAndFlagsIt() throws Exception {
        User max = server.user("max");
        String token = server.token(max);
        String inbox = server.inbox(max.id());
        byte[] original = ("From: Olga <olga-" + max.username() + "@elsewhere.example>\r\nTo: " + max.username()
                + "@example.com, pat@elsewhere.example\r\nCc: quinn@elsewhere.example\r\nSubject: Re: Offsite\r\n"
                + "Message-ID: <offsite-2@elsewhere.example>\r\nReferences: <offsite-1@elsewhere.example>\r\n\r\nWho comes?\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long uid = MessageResourceTest.uploaded(token, max, inbox, original);

        server.post(token, map("reference", map("mailbox", inbox, "id", uid, "action", "replyAll"), "text", "Me too",
                        "from", map("address", "someone-else@elsewhere.example")), "/users/me/submit")
                .exchange().expectStatus().isOk();

        SmtpSink.Received relayed = server.relayedTo("olga-" + max.username() + "@elsewhere.example");
        assertThat(relayed).isNotNull();
        // Not the user's own address: WildDuck sends from the main address instead.
        assertThat(relayed.from()).isEqualTo(max.username() + "@example.com");
        assertThat(relayed.to()).containsExactly("olga-" + max.username() + "@elsewhere.example",
                "pat@elsewhere.example", "quinn@elsewhere.example");
        MimeMessage reply = parse(relayed.data());
        assertThat(reply.getSubject()).isEqualTo("Re: Offsite");
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo("<offsite-2@elsewhere.example>");
        assertThat(reply.getHeader("References", null))
                .isEqualTo("<offsite-1@elsewhere.example> <offsite-2@elsewhere.example>");
        server.get(token, MESSAGES + "/{id}", "me", inbox, uid).exchange().expectBody()
                .jsonPath("$.answered").isEqualTo(true);
    }

    @Test
    void invalidSubmissionsNameTheFieldAndNothingIsSent() {
        User ned = server.user("ned");
        String token = server.token(ned);
        server.post(token, map("to", List.of(map("address", "not an address")), "reference",
                        map("mailbox", "x", "id", 0, "action", "quote")), "/users/me/submit").exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.code").isEqualTo("InputValidationError")
                .jsonPath("$.details['to[0].address']").isNotEmpty()
                .jsonPath("$.details['reference.mailbox']").isNotEmpty()
                .jsonPath("$.details['reference.id']").isNotEmpty()
                .jsonPath("$.details['reference.action']").isNotEmpty();
        expectError(server.post(token, map("subject", "nobody"), "/users/me/submit").exchange(), 400,
                "InputValidationError");
        expectError(server.post(token, map("to", List.of(map("address", "a@elsewhere.example")), "attachments",
                List.of(map("content", "***"))), "/users/me/submit").exchange(), 400, "InputValidationError");
        expectError(server.post(token, map("to", List.of(map("address", "a@elsewhere.example")), "headers",
                List.of(map("key", "From", "value", "boss@example.com"))), "/users/me/submit").exchange(), 400,
                "InputValidationError");
        expectError(server.post(token, map("to", List.of(map("address", "a@elsewhere.example")), "reference",
                map("mailbox", server.inbox(ned.id()), "id", 99, "action", "reply")), "/users/me/submit").exchange(),
                404, "MessageNotFound");
        expectError(server.post(token, map("to", List.of(map("address", "a@elsewhere.example")), "mailbox",
                "0123456789abcdef01234567"), "/users/me/submit").exchange(), 404, "NoSuchMailbox");
        Map<String, Object> mail = map("to", List.of(map("address", "a@elsewhere.example")), "text", "hi");
        expectError(server.post(server.token(server.user("ola")), mail, "/users/{u}/submit", ned.id().toHexString())
                .exchange(), 403, "MissingPrivileges");
        expectError(server.client.post().uri("/users/{u}/submit", ned.id().toHexString()).bodyValue(mail).exchange(), 401,
                "InvalidToken");
    }

    @Test
    void theDailyRecipientLimitAndTheQuotaStopASubmission() {
        User pam = server.user("pam");
        String token = server.token(pam);
        server.put(ROOT, map("recipients", 2), "/users/{u}", pam.id().toHexString()).exchange().expectStatus().isOk();
        Map<String, Object> two = map("to", List.of(map("address", "a@elsewhere.example"),
                map("address", "b@elsewhere.example")), "text", "hi");
        server.post(token, two, "/users/me/submit").exchange().expectStatus().isOk();
        expectError(server.post(token, map("to", List.of(map("address", "c@elsewhere.example")), "text", "hi"),
                "/users/me/submit").exchange(), 403, "RateLimitedError");

        User rob = server.user("rob", 100);
        expectError(server.post(server.token(rob), two, "/users/me/submit").exchange(), 403, "OverQuotaError");
        assertThat(new DailyCounter(server.bean(RedisStore.class).commands(), Clock.systemUTC(), DailyCounter.RECIPIENTS)
                .today(rob.id().toHexString()).block()).as("nothing sent, nothing counted").isZero();
    }
}
