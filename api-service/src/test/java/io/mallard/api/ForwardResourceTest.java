package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mallard.model.testing.SmtpSink;
import io.mallard.model.user.User;

/** {@code POST .../messages/{message}/forward}: the stored message, unchanged, through the outbound queue to the relay. */
class ForwardResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String FORWARD = "/users/{u}/mailboxes/{m}/messages/{id}/forward";

    @Test
    void theStoredMessageReachesTheRelayUnchangedFromTheUsersAddress() throws InterruptedException {
        User ivy = server.user("ivy");
        String token = server.token(ivy);
        String inbox = server.inbox(ivy.id());
        byte[] raw = MessageResourceTest.simple(42);
        long uid = MessageResourceTest.uploaded(token, ivy, inbox, raw);
        String to = ivy.username() + "@elsewhere.example";

        server.post(token, map("addresses", List.of(to, "second@elsewhere.example")), FORWARD, "me", inbox, uid).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.queueId").isNotEmpty()
                .jsonPath("$.forwarded[0].seq").isEqualTo("001")
                .jsonPath("$.forwarded[1].value").isEqualTo("second@elsewhere.example");

        SmtpSink.Received relayed = server.relayedTo(to);
        assertThat(relayed).isNotNull();
        assertThat(relayed.from()).isEqualTo(ivy.username() + "@example.com");
        assertThat(relayed.to()).containsExactly(to, "second@elsewhere.example");
        assertThat(relayed.data()).isEqualTo(new String(raw, StandardCharsets.US_ASCII));
        server.post(token, map("addresses", List.of()), FORWARD, "me", inbox, uid).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.forwarded.length()").isEqualTo(0);
    }

    @Test
    void badAddressesUnknownMessagesAndForeignCallersAreRefused() {
        User jon = server.user("jon");
        String token = server.token(jon);
        String inbox = server.inbox(jon.id());
        long uid = MessageResourceTest.uploaded(token, jon, inbox, MessageResourceTest.simple(1));
        String id = jon.id().toHexString();
        server.post(token, map("addresses", List.of("not an address")), FORWARD, "me", inbox, uid).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.details['addresses[0]']").isNotEmpty();
        expectError(server.post(token, map("addresses", List.of("x@elsewhere.example")), FORWARD, "me", inbox, uid + 5)
                .exchange(), 404, "MessageNotFound");
        expectError(server.post(server.token(server.user("kai")), map("addresses", List.of("x@elsewhere.example")), FORWARD,
                id, inbox, uid).exchange(), 403, "MissingPrivileges");
        expectError(server.client.post().uri(FORWARD, id, inbox, uid).bodyValue(map("addresses", List.of("x@e.example")))
                .exchange(), 401, "InvalidToken");
    }
}
