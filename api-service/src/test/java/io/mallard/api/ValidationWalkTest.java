package io.mallard.api;

import static io.mallard.api.ForeignIdWalkTest.BODIES;
import static io.mallard.api.ForeignIdWalkTest.call;
import static io.mallard.api.ForeignIdWalkTest.hasJsonBody;
import static io.mallard.api.ForeignIdWalkTest.routes;
import static io.mallard.api.ForeignIdWalkTest.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every route with a JSON body, found in the handler mapping (so a route added later is walked
 * without touching this test), sent bodies it must refuse, with the root token and real ids so
 * nothing but the body can be wrong: 400 {@code InputValidationError} with WildDuck's
 * {@code {"error", "code"}}, and {@code details} naming the field where one is to blame.
 *
 * <p>Three bodies per route: bytes that are not JSON; an empty object, which misses the required
 * fields (routes whose fields are all optional are listed in {@link #EMPTY_ACCEPTED} with why);
 * and, per field of the route's valid sample in {@link ForeignIdWalkTest#BODIES}, that sample
 * with the field's value of the wrong JSON type.
 */
class ValidationWalkTest {

    static final ApiServer server = ApiServer.shared();

    /** Routes where {@code {}} is a valid request, and why; every other route must refuse it. */
    static final Map<String, String> EMPTY_ACCEPTED = Map.ofEntries(
            Map.entry("PUT /users/{user}", "a partial update: absent fields stay as they are"),
            Map.entry("PUT /users/{user}/logout", "the reason is only for the log, and optional in WildDuck"),
            Map.entry("PUT /users/{user}/mailboxes/{mailbox}", "a partial update: absent fields stay as they are"),
            Map.entry("PUT /users/{user}/filters/{filter}", "a partial update: absent fields stay as they are"),
            Map.entry("PUT /users/{user}/autoreply", "a partial update: absent fields stay as they are"),
            Map.entry("PUT /addresses/forwarded/{address}", "a partial update: absent fields stay as they are"),
            Map.entry("POST /users/{user}/mailboxes/{mailbox}/messages/{message}/forward",
                    "no addresses forward to nobody: WildDuck answers success with an empty forwarded list"));

    static final JsonMapper json = JsonMapper.builder().build();
    static Map<String, String> ids;

    @BeforeAll
    static void realIds() {
        ids = ForeignIdWalkTest.victimIds(server.user("validated"));
    }

    @Test
    void bytesThatAreNotJsonAreRefusedOnEveryRouteWithABody() {
        Map<String, String> answered = new TreeMap<>();
        jsonRoutes().forEach(route -> {
            EntityExchangeResult<byte[]> result = send(route, "{\"unterminated".getBytes(StandardCharsets.UTF_8));
            expectInvalid(answered, route, result, null);
        });
        assertThat(answered).as("routes that answered malformed JSON otherwise").isEmpty();
    }

    @Test
    void anEmptyObjectIsRefusedWhereAFieldIsRequired() {
        Map<String, String> answered = new TreeMap<>();
        List<String> routes = jsonRoutes();
        routes.stream().filter(route -> !EMPTY_ACCEPTED.containsKey(route)).forEach(route ->
                expectInvalid(answered, route, send(route, "{}".getBytes(StandardCharsets.UTF_8)), ""));
        assertThat(answered).as("routes that answered {} otherwise").isEmpty();
        assertThat(routes).as("exceptions name real routes with a body").containsAll(EMPTY_ACCEPTED.keySet());
    }

    @Test
    void theRoutesListedAsAcceptingAnEmptyObjectDoAccept() {
        // Keeps EMPTY_ACCEPTED honest: a route that gained a required field must leave the list.
        Map<String, String> refused = new TreeMap<>();
        EMPTY_ACCEPTED.keySet().forEach(route -> {
            EntityExchangeResult<byte[]> result = send(route, "{}".getBytes(StandardCharsets.UTF_8));
            if (result.getStatus().value() == 400) {
                refused.put(route, new String(result.getResponseBody(), StandardCharsets.UTF_8));
            }
        });
        assertThat(refused).as("listed as accepting {} but refused it").isEmpty();
    }

    @Test
    void aFieldOfTheWrongTypeIsRefusedByName() throws Exception {
        Map<String, String> answered = new TreeMap<>();
        int walked = 0;
        for (String route : jsonRoutes()) {
            Map<?, ?> sample = (Map<?, ?>) BODIES.get(route);
            for (Object field : sample.keySet()) {
                Map<Object, Object> body = new LinkedHashMap<>(sample);
                body.put(field, wrongType(sample.get(field)));
                expectInvalid(answered, route + " with " + field + "=" + body.get(field), send(route,
                        json.writeValueAsBytes(body)), (String) field);
                walked++;
            }
        }
        assertThat(answered).as("fields of the wrong type answered otherwise").isEmpty();
        assertThat(walked).as("fields walked").isGreaterThan(30);
    }

    /** Routes with a JSON body; each has a valid sample, whose absence ForeignIdWalkTest reports. */
    private static List<String> jsonRoutes() {
        List<String> routes = new ArrayList<>();
        routes().forEach((route, handler) -> {
            if (hasJsonBody(handler)) {
                assertThat(BODIES).as("a valid sample body for %s in ForeignIdWalkTest.BODIES", route).containsKey(route);
                routes.add(route);
            }
        });
        assertThat(routes).as("routes with a body").hasSizeGreaterThan(20);
        return routes;
    }

    /** A value no field of its type accepts: an object where a scalar or list is due, a number where an object is. */
    private static Object wrongType(Object value) {
        return value instanceof Map ? 5 : Map.of("wrong", true);
    }

    private static EntityExchangeResult<byte[]> send(String route, byte[] body) {
        String method = route.substring(0, route.indexOf(' '));
        String pattern = route.substring(route.indexOf(' ') + 1);
        return call(ApiServer.ROOT_TOKEN, method, pattern, values(pattern, ids), body);
    }

    /**
     * 400 InputValidationError with an error text; {@code field} null for no details expected, empty
     * for details naming some field, else details naming that field (or a path inside it).
     */
    private static void expectInvalid(Map<String, String> answered, String what, EntityExchangeResult<byte[]> result,
            String field) {
        String text = result.getResponseBody() == null ? "" : new String(result.getResponseBody(), StandardCharsets.UTF_8);
        boolean ok = result.getStatus().value() == 400;
        try {
            JsonNode body = json.readTree(text);
            ok &= "InputValidationError".equals(body.path("code").asString(null)) && !body.path("error").asString("").isBlank();
            if (field != null) {
                JsonNode details = body.path("details");
                ok &= details.isObject() && !details.isEmpty();
                if (!field.isEmpty()) {
                    ok &= details.propertyNames().stream().anyMatch(name -> name.equals(field) || name.startsWith(field + ".")
                            || name.startsWith(field + "["));
                }
            }
        } catch (RuntimeException notJson) {
            ok = false;
        }
        if (!ok) {
            answered.put(what, result.getStatus().value() + " " + text);
        }
    }
}
