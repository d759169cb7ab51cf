package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import io.mallard.model.mail.DeletedUserSweeper;
import io.mallard.model.store.MongoStore;
import io.mallard.model.user.User;
import reactor.core.publisher.Mono;

/** {@code DELETE /users/{user}} with a grace period, {@code GET/POST /users/{user}/restore}, and the purge after it. */
class DeletedUserResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String MESSAGES = "/users/{u}/mailboxes/{m}/messages";

    @Test
    void aUserInItsGracePeriodIsRestoredWithItsMailAndAddresses() {
        User quinn = server.user("quinn");
        String id = quinn.id().toHexString();
        String inbox = server.inbox(quinn.id());
        MessageResourceTest.uploaded(server.token(quinn), quinn, inbox, MessageResourceTest.simple(1));
        server.delete(ROOT, "/users/{id}?deleteAfter=2099-01-01T00:00:00Z", id).exchange().expectStatus().isOk();

        server.get(ROOT, "/users/{id}/restore", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.username").isEqualTo(quinn.username())
                .jsonPath("$.deleteAfter").isEqualTo("2099-01-01T00:00:00Z")
                .jsonPath("$.recoverableAddresses[0]").isEqualTo(quinn.username() + "@example.com");
        server.post(ROOT, map(), "/users/{id}/restore", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.code").isEqualTo("TaskCancelled")
                .jsonPath("$.addresses.recovered").isEqualTo(1)
                .jsonPath("$.addresses.main").isEqualTo(quinn.username() + "@example.com");

        server.get(ROOT, "/users/{id}", id).exchange().expectStatus().isOk();
        server.get(server.token(quinn), MESSAGES, "me", inbox).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1);
        expectError(server.post(ROOT, map(), "/users/{id}/restore", id).exchange(), 404, "AccountNotFound");
    }

    @Test
    void restoreRoutesRefuseOtherUsersUnknownIdsAndAnonymousCallers() {
        User rita = server.user("rita");
        String id = rita.id().toHexString();
        server.delete(ROOT, "/users/{id}?deleteAfter=2099-01-01T00:00:00Z", id).exchange().expectStatus().isOk();
        String stranger = server.token(server.user("sam"));
        expectError(server.get(stranger, "/users/{id}/restore", id).exchange(), 403, "MissingPrivileges");
        expectError(server.post(stranger, map(), "/users/{id}/restore", id).exchange(), 403, "MissingPrivileges");
        expectError(server.client.get().uri("/users/{id}/restore", id).exchange(), 401, "InvalidToken");
        expectError(server.client.post().uri("/users/{id}/restore", id).exchange(), 401, "InvalidToken");
        expectError(server.get(ROOT, "/users/{id}/restore", "0123456789abcdef01234567").exchange(), 404, "AccountNotFound");
        expectError(server.post(ROOT, map(), "/users/{id}/restore", "0123456789abcdef01234567").exchange(), 404,
                "AccountNotFound");
        server.get(ROOT, "/users/{id}/restore", "nope").exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.code").isEqualTo("InputValidationError");
        expectError(server.post(ROOT, map(), "/users/{id}/restore", "nope").exchange(), 400, "InputValidationError");
    }

    @Test
    void afterTheGracePeriodThePurgeRemovesMailboxesMessagesBlobsAddressesAndPasswords() throws InterruptedException {
        User tom = server.user("tom");
        String id = tom.id().toHexString();
        String token = server.token(tom);
        String inbox = server.inbox(tom.id());
        MessageResourceTest.uploaded(token, tom, inbox, withUniqueAttachment());
        server.post(token, map("description", "phone", "scopes", List.of("imap")), "/users/me/asps").exchange().expectStatus().isOk();
        long refs = count("attachment_refs", new Document());

        server.delete(ROOT, "/users/{id}?deleteAfter=2099-01-01T00:00:00Z", id).exchange().expectStatus().isOk();
        assertThat(count("messages", new Document("user", tom.id()))).as("kept during the grace period").isEqualTo(1);
        // Deleting again with a date in the past ends the grace period; the platform's own sweeper may purge first.
        server.delete(ROOT, "/users/{id}?deleteAfter=2000-01-01T00:00:00Z", id).exchange().expectStatus().isOk();
        for (int sweeps = 0; count("deletedusers", new Document("_id", tom.id())) > 0; sweeps++) {
            assertThat(sweeps).as("purged within a minute").isLessThan(60);
            server.bean(DeletedUserSweeper.class).sweep().block();
            Thread.sleep(1000);
        }

        for (String collection : List.of("messages", "mailboxes", "asps", "addresses", "threads")) {
            assertThat(count(collection, new Document("user", tom.id()))).as(collection).isZero();
        }
        assertThat(count("attachment_refs", new Document())).isEqualTo(refs - 1);
        expectError(server.get(ROOT, "/users/{id}/restore", id).exchange(), 404, "AccountNotFound");
        expectError(server.delete(ROOT, "/users/{id}", id).exchange(), 404, "UserNotFound");
    }

    private static long count(String collection, Document filter) {
        return Mono.from(server.bean(MongoStore.class).database().getCollection(collection).countDocuments(filter)).block();
    }

    /** Random attachment bytes, so that the GridFS body is this message's alone. */
    static byte[] withUniqueAttachment() {
        byte[] attachment = new byte[16_000];
        new Random().nextBytes(attachment);
        return ("From: a@example.com\r\nTo: b@example.com\r\nSubject: blob " + new ObjectId() + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nsee\r\n"
                + "--b1\r\nContent-Type: application/octet-stream; name=\"x.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"x.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--b1--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
