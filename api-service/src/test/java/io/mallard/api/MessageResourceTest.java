package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.mallard.model.mail.MessageAppender;
import io.mallard.model.user.User;

/** {@code /users/{user}/mailboxes/{mailbox}/messages}: upload, raw, parsed, flags, move, delete. */
class MessageResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String BASE = "/users/{u}/mailboxes/{m}/messages";

    /** Bytes a re-encoder would change: bare LF in a header fold, 8-bit text, trailing spaces, no final CRLF. */
    static final byte[] TRICKY = ("From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.com>\r\n"
            + "To: a@example.com, \"B, Bee\" <b@example.com>\r\n"
            + "Subject: Caf\u00e9 report   \r\n\tcontinued\r\n"
            + "Message-ID: <tricky@example.com>\r\n"
            + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello W\u00f6rld  \n\r\n"
            + "--b1\r\nContent-Type: application/pdf; name=\"r.pdf\"\r\nContent-Disposition: attachment; filename=\"r.pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--").getBytes(StandardCharsets.UTF_8);

    static WebTestClient.ResponseSpec upload(String token, Object user, String mailbox, byte[] raw, String query) {
        return server.client.post().uri(BASE + query, user, mailbox).header("X-Access-Token", token)
                .contentType(MediaType.parseMediaType("message/rfc822")).bodyValue(raw).exchange();
    }

    @SuppressWarnings("unchecked")
    static long uploaded(String token, User user, String mailbox, byte[] raw) {
        Map<String, Object> body = upload(token, user.id().toHexString(), mailbox, raw, "").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) ((Map<String, Object>) body.get("message")).get("id")).longValue();
    }

    static byte[] simple(int n) {
        return ("From: s@example.com\r\nTo: r@example.com\r\nSubject: message " + n + "\r\n\r\nbody " + n + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void uploadedMessageComesBackByteIdenticalAndParsed() {
        User zoe = server.user("zoe");
        String token = server.token(zoe);
        String inbox = server.inbox(zoe.id());
        long uid = uploaded(token, zoe, inbox, TRICKY);
        byte[] eml = server.get(token, BASE + "/{id}/message.eml", "me", inbox, uid).exchange().expectStatus().isOk()
                .expectHeader().contentType("message/rfc822")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(eml).isEqualTo(TRICKY);
        server.get(token, BASE + "/{id}", "me", inbox, uid).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.subject").isEqualTo("Caf\u00e9 report   \tcontinued")
                .jsonPath("$.from[0].name").isEqualTo("J\u00fcrgen")
                .jsonPath("$.to[1].address").isEqualTo("b@example.com")
                .jsonPath("$.messageId").isEqualTo("<tricky@example.com>")
                .jsonPath("$.seen").isEqualTo(true)
                .jsonPath("$.text").value(text -> assertThat((String) text).contains("Hello W\u00f6rld"))
                .jsonPath("$.attachments[0].filename").isEqualTo("r.pdf")
                .jsonPath("$.attachments[0].contentType").isEqualTo("application/pdf")
                .jsonPath("$.headers[?(@.key == 'message-id')].value").isEqualTo(List.of("<tricky@example.com>"));
        // The listing reads only the listed fields of each message, and shows the same values.
        server.get(token, BASE + "?limit=50", "me", inbox).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.results[0].id").isEqualTo(uid)
                .jsonPath("$.results[0].subject").isEqualTo("Caf\u00e9 report   \tcontinued")
                .jsonPath("$.results[0].from[0].name").isEqualTo("J\u00fcrgen")
                .jsonPath("$.results[0].to[1].address").isEqualTo("b@example.com")
                .jsonPath("$.results[0].attachments").isEqualTo(true)
                .jsonPath("$.results[0].seen").isEqualTo(true)
                .jsonPath("$.results[0].size").isEqualTo(TRICKY.length);
    }

    @Test
    void uploadFlagsQuotaSizeAndEmptyBody() {
        User amy = server.user("amy", 300);
        String token = server.token(amy);
        String inbox = server.inbox(amy.id());
        upload(token, "me", inbox, simple(1), "?unseen=true&flagged=true").expectStatus().isOk()
                .expectBody().jsonPath("$.message.id").isEqualTo(1);
        long uid = 1;
        server.get(token, BASE + "/{id}", "me", inbox, uid).exchange().expectBody()
                .jsonPath("$.seen").isEqualTo(false).jsonPath("$.flagged").isEqualTo(true);
        expectError(upload(token, "me", inbox, TRICKY, ""), 403, "OverQuotaError");
        // One byte over the 1 MB test limit: the client has sent it all before the refusal, so no reset races the answer.
        expectError(upload(ROOT, amy.id().toHexString(), inbox, new byte[1024 * 1024 + 1], ""), 400, "InputValidationError");
        expectError(upload(token, "me", inbox, new byte[0], ""), 400, "InputValidationError");
        expectError(upload(token, "me", "0123456789abcdef01234567", simple(2), ""), 404, "NoSuchMailbox");
        expectError(upload(token, "me", inbox, simple(2), "?date=yesterday"), 400, "InputValidationError");
    }

    @Test
    void flagsMoveAndDelete() {
        User ben = server.user("ben");
        String token = server.token(ben);
        String inbox = server.inbox(ben.id());
        long first = uploaded(token, ben, inbox, simple(1));
        long second = uploaded(token, ben, inbox, simple(2));
        server.put(token, map("message", first + ":" + second, "seen", false, "flagged", true), BASE, "me", inbox)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.updated").isEqualTo(2);
        server.get(token, BASE + "/{id}", "me", inbox, second).exchange().expectBody()
                .jsonPath("$.seen").isEqualTo(false).jsonPath("$.flagged").isEqualTo(true);
        @SuppressWarnings("unchecked")
        String archive = (String) ((List<Map<String, Object>>) server.get(token, "/users/me/mailboxes").exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("results")).stream()
                .filter(m -> "Archive".equals(m.get("path"))).findFirst().orElseThrow().get("id");
        server.put(token, map("message", Long.toString(first), "moveTo", archive), BASE, "me", inbox).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.mailbox").isEqualTo(archive)
                .jsonPath("$.id[0][0]").isEqualTo((int) first);
        expectError(server.get(token, BASE + "/{id}", "me", inbox, first).exchange(), 404, "MessageNotFound");
        server.delete(token, BASE + "/{id}", "me", inbox, second).exchange().expectStatus().isOk();
        expectError(server.delete(token, BASE + "/{id}", "me", inbox, second).exchange(), 404, "MessageNotFound");
        expectError(server.get(token, BASE + "/{id}/message.eml", "me", inbox, second).exchange(), 404, "MessageNotFound");
        expectError(server.put(token, map("message", "1:x"), BASE, "me", inbox).exchange(), 400, "InputValidationError");
        expectError(server.put(token, map("message", "1", "moveTo", "0123456789abcdef01234567"), BASE, "me", inbox)
                .exchange(), 404, "NoSuchMailbox");
        expectError(server.get(token, BASE + "/{id}", "me", inbox, "abc").exchange(), 400, "InputValidationError");
    }

    @Test
    void anotherUsersMessagesAreForbiddenAndAnonymousIsRefused() {
        User cleo = server.user("cleo");
        User dan = server.user("dan");
        String dInbox = server.inbox(dan.id());
        long uid = uploaded(server.token(dan), dan, dInbox, simple(1));
        String token = server.token(cleo);
        String did = dan.id().toHexString();
        expectError(server.get(token, BASE, did, dInbox).exchange(), 403, "MissingPrivileges");
        expectError(server.get(token, BASE + "/{id}", did, dInbox, uid).exchange(), 403, "MissingPrivileges");
        expectError(server.get(token, BASE + "/{id}/message.eml", did, dInbox, uid).exchange(), 403, "MissingPrivileges");
        expectError(upload(token, did, dInbox, simple(2), ""), 403, "MissingPrivileges");
        expectError(server.put(token, map("message", "1", "seen", true), BASE, did, dInbox).exchange(), 403,
                "MissingPrivileges");
        expectError(server.delete(token, BASE + "/{id}", did, dInbox, uid).exchange(), 403, "MissingPrivileges");
        expectError(server.client.get().uri(BASE, did, dInbox).exchange(), 401, "InvalidToken");
        expectError(server.client.get().uri(BASE + "/{id}", did, dInbox, uid).exchange(), 401, "InvalidToken");
        expectError(server.client.get().uri(BASE + "/{id}/message.eml", did, dInbox, uid).exchange(), 401, "InvalidToken");
        expectError(upload(null, did, dInbox, simple(2), ""), 401, "InvalidToken");
        expectError(server.client.put().uri(BASE, did, dInbox).bodyValue(map("message", "1", "seen", true)).exchange(), 401,
                "InvalidToken");
        expectError(server.client.delete().uri(BASE + "/{id}", did, dInbox, uid).exchange(), 401, "InvalidToken");
    }

    /** Issue #8: next/previous visit each message exactly once in each direction, also while mail arrives. */
    @Test
    @SuppressWarnings("unchecked")
    void cursorsVisitEveryMessageOnceEachWayWhileMailArrives() {
        User eve = server.user("eve");
        String token = server.token(eve);
        String inbox = server.inbox(eve.id());
        MessageAppender appender = server.bean(MessageAppender.class);
        int count = 1000;
        for (int i = 0; i < count; i++) {
            appender.append(new ObjectId(inbox), simple(i), List.of(), Instant.now()).block();
        }
        List<Long> forward = new java.util.ArrayList<>();
        Map<String, Object> page = server.get(token, BASE + "?limit=50", "me", inbox).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(page.get("total")).isEqualTo(count);
        Object lastPrevious = null;
        int arrivals = 0;
        while (true) {
            ((List<Map<String, Object>>) page.get("results")).forEach(m -> forward.add(((Number) m.get("id")).longValue()));
            lastPrevious = page.get("previousCursor");
            if (page.get("nextCursor") instanceof String next) {
                // New mail between pages lands above every cursor and must not shift the walk.
                appender.append(new ObjectId(inbox), simple(count + arrivals++), List.of(), Instant.now()).block();
                page = server.get(token, BASE + "?limit=50&next={n}", "me", inbox, next).exchange()
                        .expectBody(Map.class).returnResult().getResponseBody();
            } else {
                break;
            }
        }
        assertThat(forward).hasSize(count).doesNotHaveDuplicates();
        assertThat(forward).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        List<Long> backward = new java.util.ArrayList<>(((List<Map<String, Object>>) page.get("results")).stream()
                .map(m -> ((Number) m.get("id")).longValue()).toList());
        Object previous = lastPrevious;
        while (previous instanceof String cursor) {
            page = server.get(token, BASE + "?limit=50&previous={p}", "me", inbox, cursor).exchange()
                    .expectBody(Map.class).returnResult().getResponseBody();
            List<Long> ids = ((List<Map<String, Object>>) page.get("results")).stream()
                    .map(m -> ((Number) m.get("id")).longValue()).toList();
            backward.addAll(0, ids);
            previous = page.get("previousCursor");
        }
        // Walking back reaches the newest messages too, the ones that arrived meanwhile included.
        assertThat(backward).doesNotHaveDuplicates().hasSize(count + arrivals);
        assertThat(backward).containsAll(forward);
        expectError(server.get(token, BASE + "?limit=0", "me", inbox).exchange(), 400, "InputValidationError");
        expectError(server.get(token, BASE + "?order=up", "me", inbox).exchange(), 400, "InputValidationError");
        expectError(server.get(token, BASE + "?next=bm9wZQ", "me", inbox).exchange(), 400, "InputValidationError");
        expectError(server.get(token, BASE, "me", "0123456789abcdef01234567").exchange(), 404, "NoSuchMailbox");
    }
}
