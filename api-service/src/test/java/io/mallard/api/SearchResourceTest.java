package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mallard.model.user.User;

/** {@code GET /users/{user}/search}: WildDuck's search conditions across mailboxes, with cursor pages. */
class SearchResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String MESSAGES = "/users/{u}/mailboxes/{m}/messages";

    static byte[] mail(String from, String to, String cc, String subject, String body) {
        return ("From: " + from + "\r\nTo: " + to + "\r\nCc: " + cc + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.hashCode() + "." + System.nanoTime() + "@example.com>\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static List<String> subjects(String token, String query, Object... vars) {
        Map<String, Object> page = server.get(token, "/users/me/search?" + query, vars).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("results")).stream().map(m -> (String) m.get("subject")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyConditionNarrowsTheUsersMessagesAcrossMailboxes() {
        User ada = server.user("ada");
        String token = server.token(ada);
        String inbox = server.inbox(ada.id());
        String archive = server.bean(io.mallard.model.message.MailStorage.class).mailboxes().require(ada.id(), "Archive")
                .block().id().toHexString();
        MessageResourceTest.upload(token, "me", inbox, MessageResourceTest.TRICKY, "?flagged=true").expectStatus().isOk();
        MessageResourceTest.upload(token, "me", inbox, mail("Bob <bob@example.net>", "carol@example.net",
                "Dave Diaz <dave@example.net>", "Lunch plans", "see you at noon"), "?unseen=true").expectStatus().isOk();
        MessageResourceTest.upload(token, "me", archive, mail("erin@example.net", "ada@example.com", "x@example.net",
                "Caf\u00e9 followup", "the quarterly numbers"), "").expectStatus().isOk();

        assertThat(subjects(token, "query=caf\u00c9")).containsExactly("Caf\u00e9 followup", "Caf\u00e9 report   \tcontinued");
        assertThat(subjects(token, "query=QUARTERLY")).containsExactly("Caf\u00e9 followup");
        assertThat(subjects(token, "from=j\u00fcrgen")).containsExactly("Caf\u00e9 report   \tcontinued");
        assertThat(subjects(token, "to=diaz")).containsExactly("Lunch plans");
        assertThat(subjects(token, "subject=lunch")).containsExactly("Lunch plans");
        assertThat(subjects(token, "flagged=true")).containsExactly("Caf\u00e9 report   \tcontinued");
        assertThat(subjects(token, "unseen=true")).containsExactly("Lunch plans");
        assertThat(subjects(token, "seen=true&flagged=false")).containsExactly("Caf\u00e9 followup");
        assertThat(subjects(token, "attachments=true")).containsExactly("Caf\u00e9 report   \tcontinued");
        assertThat(subjects(token, "minSize={n}", MessageResourceTest.TRICKY.length)).hasSize(1);
        assertThat(subjects(token, "maxSize=100")).isEmpty();
        assertThat(subjects(token, "mailbox={m}", archive)).containsExactly("Caf\u00e9 followup");
        assertThat(subjects(token, "datestart=2099-01-01T00:00:00Z")).isEmpty();
        assertThat(subjects(token, "dateend=2099-01-01T00:00:00Z&order=asc")).hasSize(3)
                .first().isEqualTo("Caf\u00e9 report   \tcontinued");
        Map<String, Object> first = server.get(token, "/users/me/search?subject=lunch").exchange().expectBody(Map.class)
                .returnResult().getResponseBody();
        String thread = (String) ((List<Map<String, Object>>) first.get("results")).get(0).get("thread");
        assertThat(subjects(token, "thread={t}", thread)).containsExactly("Lunch plans");
        assertThat(first.get("total")).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pagesWalkEveryMatchOnceEachWay() {
        User bea = server.user("bea");
        String token = server.token(bea);
        String inbox = server.inbox(bea.id());
        for (int i = 0; i < 7; i++) {
            MessageResourceTest.uploaded(token, bea, inbox, mail("a@example.net", "b@example.net", "c@example.net",
                    "page " + i, "body"));
        }
        List<String> forward = new ArrayList<>();
        Map<String, Object> page = server.get(token, "/users/me/search?query=page&limit=3").exchange()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(page.get("total")).isEqualTo(7);
        while (true) {
            ((List<Map<String, Object>>) page.get("results")).forEach(m -> forward.add((String) m.get("subject")));
            if (!(page.get("nextCursor") instanceof String next)) {
                break;
            }
            page = server.get(token, "/users/me/search?query=page&limit=3&next={n}", next).exchange()
                    .expectBody(Map.class).returnResult().getResponseBody();
        }
        assertThat(forward).containsExactly("page 6", "page 5", "page 4", "page 3", "page 2", "page 1", "page 0");
        Map<String, Object> back = server.get(token, "/users/me/search?query=page&limit=3&previous={p}",
                page.get("previousCursor")).exchange().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((List<Map<String, Object>>) back.get("results")).stream().map(m -> m.get("subject")))
                .containsExactly("page 3", "page 2", "page 1");
    }

    @Test
    void badConditionsAreRefusedNamingTheParameter() {
        User cy = server.user("cy");
        String token = server.token(cy);
        for (String query : List.of("limit=0", "minSize=-1", "datestart=yesterday", "order=up", "flagged=maybe",
                "query=" + "x".repeat(300))) {
            String name = query.substring(0, query.indexOf('='));
            server.get(token, "/users/me/search?" + query).exchange().expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.code").isEqualTo("InputValidationError")
                    .jsonPath("$.details." + name).isNotEmpty();
        }
        expectError(server.get(token, "/users/me/search?mailbox=xyz").exchange(), 400, "InputValidationError");
        expectError(server.get(token, "/users/me/search?next=bm9wZQ").exchange(), 400, "InputValidationError");
        expectError(server.get(token, "/users/me/search?mailbox=0123456789abcdef01234567").exchange(), 404, "NoSuchMailbox");
        expectError(server.get(token, "/users/{u}/search", server.user("dee").id().toHexString()).exchange(), 403,
                "MissingPrivileges");
        expectError(server.client.get().uri("/users/{u}/search", cy.id().toHexString()).exchange(), 401, "InvalidToken");
        expectError(server.get(ROOT, "/users/{u}/search?mailbox={m}", cy.id().toHexString(),
                server.inbox(server.user("eve2").id())).exchange(), 404, "NoSuchMailbox");
    }
}
