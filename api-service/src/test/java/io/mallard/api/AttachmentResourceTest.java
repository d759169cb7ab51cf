package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.mallard.model.user.User;

/** {@code GET .../messages/{message}/attachments/{attachment}}: the decoded bytes, streamed, with their type. */
class AttachmentResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ATTACHMENT = "/users/{u}/mailboxes/{m}/messages/{id}/attachments/{a}";

    static byte[] withAttachments(byte[] binary) {
        String encoded = Base64.getMimeEncoder().encodeToString(binary);
        return ("From: a@example.com\r\nTo: b@example.com\r\nSubject: files\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nTwo files.\r\n"
                + "--b1\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"photo.png\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.txt\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\nCaf=C3=A9 =3D caf=\r\n=C3=A9\r\n"
                + "--b1--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void attachmentsComeBackDecodedWithTheirTypeAndName() {
        User fay = server.user("fay");
        String token = server.token(fay);
        String inbox = server.inbox(fay.id());
        byte[] photo = new byte[500_000];
        new Random(3).nextBytes(photo);
        long uid = MessageResourceTest.uploaded(token, fay, inbox, withAttachments(photo));

        // The test client buffers the download to compare it, so it needs more room than its default.
        byte[] downloaded = server.client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024))
                .build().get().uri(ATTACHMENT, "me", inbox, uid, "ATT2").header("X-Access-Token", token)
                .exchange().expectStatus().isOk()
                .expectHeader().contentType("image/png")
                .expectHeader().value("Content-Disposition", value -> assertThat(value).contains("photo.png"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(downloaded).isEqualTo(photo);
        byte[] text = server.get(token, ATTACHMENT, "me", inbox, uid, "ATT3").exchange().expectStatus().isOk()
                .expectHeader().value("Content-Disposition", value -> assertThat(value).contains("r%C3%A9sum%C3%A9.txt"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        // The line break before the boundary belongs to the boundary (RFC 2046 §5.1.1).
        assertThat(new String(text, StandardCharsets.UTF_8)).isEqualTo("Caf\u00e9 = caf\u00e9");
        long pdf = MessageResourceTest.uploaded(token, fay, inbox, MessageResourceTest.TRICKY);
        server.get(token, ATTACHMENT, "me", inbox, pdf, "ATT2").exchange().expectStatus().isOk()
                .expectHeader().contentType("application/pdf")
                .expectBody(String.class).isEqualTo("%PDF-1.4\n");
    }

    @Test
    void unknownAttachmentsMessagesAndForeignCallersAreRefused() {
        User gus = server.user("gus");
        String token = server.token(gus);
        String inbox = server.inbox(gus.id());
        long uid = MessageResourceTest.uploaded(token, gus, inbox, MessageResourceTest.TRICKY);
        String id = gus.id().toHexString();
        expectError(server.get(token, ATTACHMENT, "me", inbox, uid, "ATT9").exchange(), 404, "AttachmentNotFound");
        expectError(server.get(token, ATTACHMENT, "me", inbox, uid + 1, "ATT2").exchange(), 404, "MessageNotFound");
        expectError(server.get(token, ATTACHMENT, "me", "0123456789abcdef01234567", uid, "ATT2").exchange(), 404,
                "NoSuchMailbox");
        server.get(token, ATTACHMENT, "me", inbox, uid, "photo").exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.details.attachment").isNotEmpty();
        expectError(server.get(server.token(server.user("hal")), ATTACHMENT, id, inbox, uid, "ATT2").exchange(), 403,
                "MissingPrivileges");
        expectError(server.client.get().uri(ATTACHMENT, id, inbox, uid, "ATT2").exchange(), 401, "InvalidToken");
    }
}
