package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import io.mallard.model.user.User;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * {@code GET /users/{user}/updates}: the user's changes as Server-Sent Events over a real HTTP
 * connection, and a reconnect with {@code Last-Event-ID} that gets exactly what it missed.
 */
class UpdateResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String MESSAGES = "/users/{u}/mailboxes/{m}/messages";
    static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENTS =
            new ParameterizedTypeReference<>() {
            };

    /** A stream's events with data (comments left out), collected as they come. */
    static final class Listener implements AutoCloseable {

        final BlockingQueue<ServerSentEvent<Map<String, Object>>> events = new LinkedBlockingQueue<>();
        private final Disposable subscription;

        Listener(String token, String lastEventId) {
            Flux<ServerSentEvent<Map<String, Object>>> stream = server.client.mutate().responseTimeout(Duration.ofMinutes(2))
                    .build().get().uri("/users/me/updates").accept(MediaType.TEXT_EVENT_STREAM)
                    .header("X-Access-Token", token)
                    .headers(headers -> {
                        if (lastEventId != null) {
                            headers.set("Last-Event-ID", lastEventId);
                        }
                    })
                    .exchange().expectStatus().isOk().returnResult(EVENTS).getResponseBody();
            subscription = stream.filter(event -> event.data() != null).subscribe(events::add);
        }

        /** The next {@code count} events, in order. */
        List<ServerSentEvent<Map<String, Object>>> next(int count) throws InterruptedException {
            List<ServerSentEvent<Map<String, Object>>> got = new ArrayList<>();
            while (got.size() < count) {
                ServerSentEvent<Map<String, Object>> event = events.poll(30, TimeUnit.SECONDS);
                assertThat(event).as("event %d of %d, after %s", got.size() + 1, count, got).isNotNull();
                got.add(event);
            }
            return got;
        }

        @Override
        public void close() {
            subscription.dispose();
        }
    }

    static List<String> commands(List<ServerSentEvent<Map<String, Object>>> events) {
        return events.stream().map(event -> (String) event.data().get("command")).toList();
    }

    @Test
    void changesArriveLiveAndAReconnectGetsExactlyWhatItMissed() throws Exception {
        User una = server.user("una");
        String token = server.token(una);
        String inbox = server.inbox(una.id());
        String lastId;
        try (Listener live = new Listener(token, null)) {
            long uid = MessageResourceTest.uploaded(token, una, inbox, MessageResourceTest.simple(1));
            server.put(token, map("message", Long.toString(uid), "flagged", true), MESSAGES, "me", inbox).exchange()
                    .expectStatus().isOk();
            server.post(token, map("path", "Projects"), "/users/me/mailboxes").exchange().expectStatus().isOk();

            List<ServerSentEvent<Map<String, Object>>> seen = live.next(3);
            assertThat(commands(seen)).containsExactly("EXISTS", "FLAGS", "CREATE");
            assertThat(seen.get(0).data()).containsEntry("mailbox", inbox).containsEntry("uid", (int) uid);
            assertThat((List<String>) seen.get(1).data().get("flags")).contains("\\Flagged");
            assertThat(seen.get(2).data()).containsEntry("path", "Projects");
            lastId = seen.get(2).id();
            assertThat(seen.get(0).id()).isNotEqualTo(seen.get(1).id());
        }

        // While disconnected: a flag change and a new message.
        server.put(token, map("message", "1", "seen", false), MESSAGES, "me", inbox).exchange().expectStatus().isOk();
        long second = MessageResourceTest.uploaded(token, una, inbox, MessageResourceTest.simple(2));

        try (Listener resumed = new Listener(token, lastId)) {
            List<ServerSentEvent<Map<String, Object>>> missed = resumed.next(2);
            assertThat(commands(missed)).containsExactly("FLAGS", "EXISTS");
            assertThat(missed.get(1).data()).containsEntry("uid", (int) second);
            server.delete(token, MESSAGES + "/{id}", "me", inbox, second).exchange().expectStatus().isOk();
            assertThat(commands(resumed.next(1))).containsExactly("EXPUNGE");
            assertThat(resumed.events.poll(1, TimeUnit.SECONDS)).as("nothing twice").isNull();
        }
    }

    @Test
    void foreignUnknownAnonymousAndForgedPositionsAreRefused() {
        User vic = server.user("vic");
        String token = server.token(vic);
        expectError(server.get(server.token(server.user("wes")), "/users/{u}/updates", vic.id().toHexString()).exchange(),
                403, "MissingPrivileges");
        expectError(server.client.get().uri("/users/{u}/updates", vic.id().toHexString()).exchange(), 401, "InvalidToken");
        // What an EventSource sends: the refusal keeps its status.
        server.client.get().uri("/users/{u}/updates", vic.id().toHexString()).accept(MediaType.TEXT_EVENT_STREAM)
                .header("X-Access-Token", server.token(server.user("xan"))).exchange().expectStatus().isForbidden();
        expectError(server.get(ApiServer.ROOT_TOKEN, "/users/{u}/updates", "0123456789abcdef01234567").exchange(), 404,
                "UserNotFound");
        expectError(server.get(token, "/users/me/updates?Last-Event-ID=AAAA").exchange(), 400, "InputValidationError");
        expectError(server.client.get().uri("/users/me/updates").header("X-Access-Token", token)
                .header("Last-Event-ID", "not*base64").exchange(), 400, "InputValidationError");
    }
}
