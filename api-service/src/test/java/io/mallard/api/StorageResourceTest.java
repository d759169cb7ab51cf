package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.mallard.model.message.MailStorage;
import io.mallard.model.user.User;

/** {@code /users/{user}/storage}: files in GridFS, in the user's quota, under a size limit. */
class StorageResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String NO_SUCH = "0123456789abcdef01234567";

    static byte[] binary(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    static WebTestClient.ResponseSpec raw(String token, String query, MediaType type, byte[] bytes) {
        return server.client.post().uri("/users/me/storage" + query).header("X-Access-Token", token).contentType(type)
                .bodyValue(bytes).exchange();
    }

    @SuppressWarnings("unchecked")
    static String id(WebTestClient.ResponseSpec response) {
        return (String) response.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    @Test
    void rawAndJsonUploadsComeBackByteIdenticalListedAndDeleted() {
        User uma = server.user("uma");
        String token = server.token(uma);
        byte[] picture = binary(600_000 / 3);
        String pic = id(raw(token, "?filename=pic.png&cid=logo@x", MediaType.IMAGE_PNG, picture));
        String notes = id(server.post(token, map("filename", "notes.txt", "encoding", "base64",
                "content", Base64.getMimeEncoder().encodeToString("plain notes\r\n".getBytes(StandardCharsets.UTF_8))),
                "/users/me/storage").exchange());

        byte[] downloaded = server.get(token, "/users/me/storage/{f}", pic).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_PNG)
                .expectHeader().contentLength(picture.length)
                .expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"pic.png\".*")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(downloaded).isEqualTo(picture);
        server.get(token, "/users/me/storage/{f}", notes).exchange().expectStatus().isOk()
                .expectHeader().contentType("text/plain")
                .expectBody(String.class).isEqualTo("plain notes\r\n");

        server.get(token, "/users/me/storage").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results.length()").isEqualTo(2)
                .jsonPath("$.results[0].id").isEqualTo(pic)
                .jsonPath("$.results[0].filename").isEqualTo("pic.png")
                .jsonPath("$.results[0].cid").isEqualTo("logo@x")
                .jsonPath("$.results[0].size").isEqualTo(picture.length)
                .jsonPath("$.results[1].contentType").isEqualTo("text/plain")
                .jsonPath("$.nextCursor").isEqualTo(false);
        server.get(token, "/users/me/storage?query=NOTES").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results.length()").isEqualTo(1).jsonPath("$.results[0].id").isEqualTo(notes);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = server.get(token, "/users/me/storage?limit=1").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        server.get(token, "/users/me/storage?limit=1&next={n}", first.get("nextCursor")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.results[0].id").isEqualTo(notes).jsonPath("$.nextCursor").isEqualTo(false);

        server.delete(token, "/users/me/storage/{f}", pic).exchange().expectStatus().isOk();
        expectError(server.get(token, "/users/me/storage/{f}", pic).exchange(), 404, "FileNotFound");
        expectError(server.delete(token, "/users/me/storage/{f}", pic).exchange(), 404, "FileNotFound");
        server.get(token, "/users/me/storage").exchange().expectBody().jsonPath("$.results.length()").isEqualTo(1);
    }

    @Test
    void filesCountInTheQuotaAndStayUnderTheSizeLimit() {
        User vic = server.user("vic", 100_000);
        String token = server.token(vic);
        String first = id(raw(token, "", MediaType.APPLICATION_OCTET_STREAM, binary(60_000)));
        server.get(token, "/users/me").exchange().expectBody().jsonPath("$.limits.quota.used").isEqualTo(60_000);
        expectError(raw(token, "", MediaType.APPLICATION_OCTET_STREAM, binary(60_000)), 403, "OverQuotaError");
        server.get(token, "/users/me/storage").exchange().expectBody().jsonPath("$.results.length()").isEqualTo(1);
        assertThat(server.bean(MailStorage.class).quota().measure(vic.id()).block()).isEqualTo(60_000);

        server.delete(token, "/users/me/storage/{f}", first).exchange().expectStatus().isOk();
        server.get(token, "/users/me").exchange().expectBody().jsonPath("$.limits.quota.used").isEqualTo(0);

        User wes = server.user("wes");
        raw(server.token(wes), "", MediaType.APPLICATION_OCTET_STREAM, binary(256 * 1024 + 1)).expectStatus()
                .isBadRequest().expectBody().jsonPath("$.code").isEqualTo("InputValidationError")
                .jsonPath("$.error").value(error -> assertThat((String) error).contains("larger than 262144 bytes"));
        expectError(raw(server.token(wes), "", MediaType.APPLICATION_OCTET_STREAM, new byte[0]), 400,
                "InputValidationError");
        server.get(server.token(wes), "/users/me/storage").exchange().expectBody().jsonPath("$.results.length()")
                .isEqualTo(0);
    }

    @Test
    void validationNotFoundForbiddenAndAnonymous() {
        User xia = server.user("xia");
        User yan = server.user("yan");
        String token = server.token(xia);
        String yid = yan.id().toHexString();
        server.post(token, map("content", "x", "encoding", "hex"), "/users/me/storage").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.details.encoding").isNotEmpty();
        server.post(token, map("filename", "a"), "/users/me/storage").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.details.content").isNotEmpty();
        expectError(server.post(token, map("content", "@@@", "encoding", "base64"), "/users/me/storage").exchange(), 400,
                "InputValidationError");
        server.client.post().uri("/users/me/storage?contentType=nonsense").header("X-Access-Token", token)
                .contentType(MediaType.TEXT_PLAIN).bodyValue("x").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.details.contentType").isNotEmpty();
        expectError(server.get(token, "/users/me/storage/{f}", "nope").exchange(), 400, "InputValidationError");
        expectError(server.get(token, "/users/me/storage?limit=251").exchange(), 400, "InputValidationError");
        expectError(server.get(ROOT, "/users/{u}/storage", NO_SUCH).exchange(), 404, "UserNotFound");
        expectError(server.post(ROOT, map("content", "x"), "/users/{u}/storage", NO_SUCH).exchange(), 404,
                "UserNotFound");
        expectError(server.get(ROOT, "/users/{u}/storage/{f}", xia.id().toHexString(), NO_SUCH).exchange(), 404,
                "FileNotFound");

        expectError(server.get(token, "/users/{u}/storage", yid).exchange(), 403, "MissingPrivileges");
        expectError(server.post(token, map("content", "x"), "/users/{u}/storage", yid).exchange(), 403,
                "MissingPrivileges");
        expectError(server.get(token, "/users/{u}/storage/{f}", yid, NO_SUCH).exchange(), 403, "MissingPrivileges");
        expectError(server.delete(token, "/users/{u}/storage/{f}", yid, NO_SUCH).exchange(), 403, "MissingPrivileges");
        expectError(server.client.get().uri("/users/{u}/storage", yid).exchange(), 401, "InvalidToken");
        expectError(server.client.post().uri("/users/{u}/storage", yid).bodyValue(map("content", "x")).exchange(), 401,
                "InvalidToken");
        expectError(server.client.get().uri("/users/{u}/storage/{f}", yid, NO_SUCH).exchange(), 401, "InvalidToken");
        expectError(server.client.delete().uri("/users/{u}/storage/{f}", yid, NO_SUCH).exchange(), 401, "InvalidToken");
    }
}
