package io.mallard.api;

import static io.mallard.api.ForeignIdWalkTest.body;
import static io.mallard.api.ForeignIdWalkTest.call;
import static io.mallard.api.ForeignIdWalkTest.routes;
import static io.mallard.api.ForeignIdWalkTest.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.method.HandlerMethod;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every route with ids in its path, found in the handler mapping (so a route added later is
 * walked without touching this test), called with the root token and ids that are well formed
 * but name nothing: 404 with the code of what is missing ({@code UserNotFound},
 * {@code NoSuchMailbox}, ...), never a 500 or the framework's {@code ResourceNotFound} for an
 * unknown path, which a client cannot tell from a typo in the URL.
 *
 * <p>Two walks: every id unknown; and under {@code /users/{user}/}, a real user with the
 * other ids unknown, so the lookup of each sub-resource is reached too. Bodies are the valid
 * samples of {@link ForeignIdWalkTest#BODIES}, so validation lets the request through. No route
 * is exempt: each one with an id looks it up before acting.
 */
class NotFoundWalkTest {

    static final ApiServer server = ApiServer.shared();

    static final String NONE = "0123456789abcdef01234567";

    /** Ids that are well formed and name nothing, by path variable. */
    static final Map<String, String> UNKNOWN = Map.ofEntries(Map.entry("user", NONE),
            Map.entry("username", "nobody-walked"), Map.entry("mailbox", NONE), Map.entry("message", "999999"),
            Map.entry("address", NONE), Map.entry("addressName", "nobody-walked@example.com"), Map.entry("asp", NONE), Map.entry("alias", NONE),
            Map.entry("attachment", "ATT99"), Map.entry("filter", NONE), Map.entry("file", NONE),
            Map.entry("webhook", NONE));

    /** Codes that say nothing about what is missing. */
    static final Set<String> GENERIC = Set.of("ResourceNotFound", "RequestFailed", "InternalError");

    static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void unknownIdsAreAnsweredNotFoundWithTheCodeOfWhatIsMissing() {
        Map<String, String> answered = new TreeMap<>();
        Set<String> walked = new TreeSet<>();
        walk((route, handler) -> {
            expectNotFound(answered, route, send(route, handler, UNKNOWN));
            walked.add(route);
        });
        assertThat(answered).as("routes that answered unknown ids otherwise").isEmpty();
        assertThat(walked).as("routes walked").hasSizeGreaterThan(40);
    }

    @Test
    void unknownSubResourcesOfARealUserAreAnsweredNotFound() {
        Map<String, String> ids = new HashMap<>(UNKNOWN);
        ids.put("user", server.user("notfound").id().toHexString());
        Map<String, String> answered = new TreeMap<>();
        Set<String> walked = new TreeSet<>();
        walk((route, handler) -> {
            String pattern = route.substring(route.indexOf(' ') + 1);
            if (pattern.startsWith("/users/{user}/") && pattern.indexOf('{', "/users/{user}/".length()) > 0) {
                expectNotFound(answered, route, send(route, handler, ids));
                walked.add(route);
            }
        });
        assertThat(answered).as("routes that answered unknown sub-resources otherwise").isEmpty();
        assertThat(walked).as("routes walked").contains("GET /users/{user}/mailboxes/{mailbox}",
                "GET /users/{user}/mailboxes/{mailbox}/messages/{message}/attachments/{attachment}",
                "DELETE /users/{user}/storage/{file}");
    }

    private static void walk(BiConsumer<String, HandlerMethod> visit) {
        routes().forEach((route, handler) -> {
            if (route.contains("{")) {
                visit.accept(route, handler);
            }
        });
    }

    private static EntityExchangeResult<byte[]> send(String route, HandlerMethod handler, Map<String, String> ids) {
        String method = route.substring(0, route.indexOf(' '));
        String pattern = route.substring(route.indexOf(' ') + 1);
        return call(ApiServer.ROOT_TOKEN, method, pattern, values(pattern, ids), body(route, handler));
    }

    private static void expectNotFound(Map<String, String> answered, String route, EntityExchangeResult<byte[]> result) {
        String text = result.getResponseBody() == null ? "" : new String(result.getResponseBody(), StandardCharsets.UTF_8);
        boolean ok = result.getStatus().value() == 404;
        try {
            JsonNode body = json.readTree(text);
            String code = body.path("code").asString("");
            ok &= !code.isBlank() && !GENERIC.contains(code) && !body.path("error").asString("").isBlank();
        } catch (RuntimeException notJson) {
            ok = false;
        }
        if (!ok) {
            answered.put(route, result.getStatus().value() + " " + text);
        }
    }
}
