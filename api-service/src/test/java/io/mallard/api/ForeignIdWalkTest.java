package io.mallard.api;

import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import io.mallard.model.address.AddressStore;
import io.mallard.model.mail.MessageAppender;
import io.mallard.model.user.AppPasswordStore;
import io.mallard.model.user.Scope;
import io.mallard.model.user.User;

/**
 * Every route the API serves, found in its handler mapping (so routes added later are walked
 * without touching this test), called with a user token against another user's data.
 *
 * <p>Two walks. <b>Foreign owner:</b> the path names the victim ({@code {user}} is the victim's
 * id; every other id is a real one of the victim's, or of the platform for routes outside
 * {@code /users}): 403 {@code MissingPrivileges}, because {@code Access} checks the caller
 * against the path's user before anything is looked up. <b>Own owner, foreign part:</b> the path
 * names the caller but a sub-resource id (mailbox, address, application password, message) is
 * the victim's: 404, the same answer as for an id that does not exist, because a sub-resource is
 * looked up among the caller's own only; a 403 there would confirm that the id exists elsewhere.
 * Afterwards the victim's data is checked to be untouched.
 *
 * <p>A route with a JSON body needs a valid sample in {@link #BODIES}: validation runs before the
 * handler, so an invalid body would be answered 400 without reaching the access check.
 */
class ForeignIdWalkTest {

    static final ApiServer server = ApiServer.shared();

    /** Routes that answer without a token; nothing of a user's is behind them. */
    static final Set<String> PUBLIC = Set.of("GET /health");

    /** A body that passes validation, per route with a {@code @RequestBody}. */
    static final Map<String, Object> BODIES = Map.ofEntries(
            Map.entry("POST /users", map("username", "walker", "password", "secret-walker", "address",
                    "walker@example.com")),
            Map.entry("PUT /users/{user}", map("name", "Renamed")),
            Map.entry("POST /users/{user}/addresses", map("address", "walk-extra@example.com")),
            Map.entry("PUT /users/{user}/addresses/{address}", map("main", true)),
            Map.entry("POST /users/{user}/asps", map("description", "walk", "scopes", List.of("imap"))),
            Map.entry("POST /users/{user}/mailboxes", map("path", "Walked")),
            Map.entry("PUT /users/{user}/mailboxes/{mailbox}", map("path", "Renamed")),
            Map.entry("PUT /users/{user}/mailboxes/{mailbox}/messages", map("message", "1:*", "seen", true)),
            Map.entry("POST /domainaliases", map("alias", "walk-alias.example", "domain", "example.com")),
            Map.entry("PUT /users/{user}/logout", map("reason", "walk")),
            Map.entry("POST /addresses/forwarded", map("address", "walk-fw@example.com", "targets",
                    List.of("walk@elsewhere.example"))),
            Map.entry("PUT /addresses/forwarded/{address}", map("forwards", 1)),
            Map.entry("PUT /addresses/renameDomain", map("oldDomain", "example.com", "newDomain", "walk.example")),
            Map.entry("POST /users/{user}/mailboxes/{mailbox}/messages/{message}/forward",
                    map("addresses", List.of("walk@elsewhere.example"))),
            Map.entry("POST /users/{user}/submit", map("to", List.of(map("address", "walk@elsewhere.example")),
                    "text", "walk")),
            Map.entry("POST /users/{user}/2fa/totp/setup", map("issuer", "Walk")),
            Map.entry("POST /users/{user}/2fa/totp/enable", map("token", "123456")),
            Map.entry("POST /users/{user}/2fa/totp/check", map("token", "123456")),
            Map.entry("POST /users/{user}/filters", map("query", map("subject", "walk"), "action", map("delete", true))),
            Map.entry("PUT /users/{user}/filters/{filter}", map("disabled", true)),
            Map.entry("PUT /users/{user}/autoreply", map("status", true, "text", "walked")),
            Map.entry("POST /users/{user}/storage", map("filename", "walk.txt", "content", "walk")),
            Map.entry("POST /webhooks", map("type", List.of("*"), "url", "http://127.0.0.1:9/walk")));

    /**
     * Routes without ids that answer a user token with that user's own data only: they must answer,
     * and show nothing of the victim's.
     */
    static final Set<String> CALLERS_OWN = Set.of("GET /webhooks");

    static final byte[] RAW = "From: a@example.com\r\nSubject: mine\r\n\r\nprivate\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void userTokenReachesNothingOfAnotherUserThroughAnyRoute() {
        User attacker = server.user("attacker");
        User victim = server.user("victim");
        String token = server.token(attacker);
        Map<String, String> victims = victimIds(victim);
        Map<String, String> own = new HashMap<>(victims);
        own.put("user", attacker.id().toHexString());

        Map<String, List<String>> refused = new TreeMap<>();
        Set<String> walkedForeignOwner = new TreeSet<>();
        Set<String> walkedForeignPart = new TreeSet<>();
        Set<String> routes = routes().keySet();
        for (Map.Entry<String, HandlerMethod> route : routes().entrySet()) {
            String key = route.getKey();
            if (PUBLIC.contains(key)) {
                continue;
            }
            String method = key.substring(0, key.indexOf(' '));
            String pattern = key.substring(key.indexOf(' ') + 1);
            Object body = body(key, route.getValue());

            EntityExchangeResult<byte[]> foreignOwner = call(token, method, pattern, values(pattern, victims), body);
            if (CALLERS_OWN.contains(key)) {
                String answer = new String(foreignOwner.getResponseBody(), StandardCharsets.UTF_8);
                if (foreignOwner.getStatus().value() != 200 || victims.values().stream().anyMatch(id -> id.length() == 24
                        && answer.contains(id))) {
                    refused.computeIfAbsent(key + " as the caller", k -> new ArrayList<>()).add(answer);
                }
            } else {
                expect(refused, key + " as the victim", foreignOwner, 403, "MissingPrivileges");
            }
            walkedForeignOwner.add(key);

            if (pattern.startsWith("/users/{user}/") && pattern.indexOf('{', "/users/{user}/".length()) > 0) {
                EntityExchangeResult<byte[]> foreignPart = call(token, method, pattern, values(pattern, own), body);
                expect(refused, key + " as the caller with the victim's ids", foreignPart, 404, null);
                walkedForeignPart.add(key);
            }
        }

        assertThat(refused).as("routes that answered otherwise").isEmpty();
        Set<String> expected = new TreeSet<>(routes);
        expected.removeAll(PUBLIC);
        assertThat(walkedForeignOwner).as("every route walked").isEqualTo(expected).hasSizeGreaterThan(25);
        assertThat(walkedForeignPart).contains("GET /users/{user}/mailboxes/{mailbox}",
                "DELETE /users/{user}/mailboxes/{mailbox}/messages/{message}", "PUT /users/{user}/addresses/{address}",
                "DELETE /users/{user}/asps/{asp}");
        victimIsUntouched(victim, victims);
    }

    @Test
    void everyRouteButThePublicOnesNeedsAToken() {
        String none = "0123456789abcdef01234567";
        Map<String, String> ids = Map.ofEntries(Map.entry("user", none), Map.entry("username", "nobody"),
                Map.entry("mailbox", none), Map.entry("message", "1"), Map.entry("address", none),
                Map.entry("asp", none), Map.entry("alias", none), Map.entry("attachment", "ATT1"),
                Map.entry("filter", none), Map.entry("file", none), Map.entry("webhook", none));
        Map<String, List<String>> answered = new TreeMap<>();
        routes().forEach((key, handler) -> {
            if (!PUBLIC.contains(key)) {
                String pattern = key.substring(key.indexOf(' ') + 1);
                WebTestClient.RequestBodySpec request = server.client.method(HttpMethod.valueOf(key.substring(0,
                        key.indexOf(' ')))).uri(pattern, new HashMap<>(ids));
                expect(answered, key, request.exchange().expectBody().returnResult(), 401, "InvalidToken");
            }
        });
        assertThat(answered).as("routes that answered an anonymous caller otherwise").isEmpty();
    }

    /**
     * Every route of the API's own controllers, {@code "METHOD /pattern"} to its handler; where two
     * handlers share a route by content type (a JSON and a raw upload), the JSON one.
     */
    static Map<String, HandlerMethod> routes() {
        Map<String, HandlerMethod> routes = new TreeMap<>();
        server.context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
                .forEach((RequestMappingInfo info, HandlerMethod handler) -> {
                    if (handler.getBeanType().getPackageName().startsWith("io.mallard.api")) {
                        info.getPatternsCondition().getPatterns().forEach(pattern -> info.getMethodsCondition()
                                .getMethods().forEach(method -> routes.merge(method.name() + " " + pattern.getPatternString(),
                                        handler, (one, other) -> hasJsonBody(one) ? one : other)));
                    }
                });
        return routes;
    }

    /** Real ids of the victim's data, and of the platform for routes outside {@code /users}. */
    static Map<String, String> victimIds(User victim) {
        Map<String, String> ids = new HashMap<>();
        ids.put("user", victim.id().toHexString());
        ids.put("username", victim.username());
        // Not INBOX, which cannot be renamed or deleted anyway: a broken check would show.
        Map<?, ?> mailbox = server.post(ApiServer.ROOT_TOKEN, map("path", "Private"), "/users/{u}/mailboxes",
                victim.id().toHexString()).exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody();
        ids.put("mailbox", (String) mailbox.get("id"));
        long uid = server.bean(MessageAppender.class).append(new ObjectId(ids.get("mailbox")), RAW, List.of(),
                Instant.now()).block().uid();
        ids.put("message", Long.toString(uid));
        ids.put("attachment", "ATT1");
        String address = "second-" + victim.username() + "@example.com";
        ids.put("address", server.bean(AddressStore.class).addToUser(victim.id(), address, false, List.of()).block().id()
                .toHexString());
        ids.put("addressName", address);
        ids.put("asp", server.bean(AppPasswordStore.class).create(victim.id(), "victim's phone", Set.of(Scope.IMAP), null)
                .block().appPassword().id().toHexString());
        Map<?, ?> alias = server.post(ApiServer.ROOT_TOKEN, map("alias", "walk-" + victim.username() + ".example",
                "domain", "example.com"), "/domainaliases").exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        ids.put("alias", (String) alias.get("id"));
        ids.put("mailboxes", Integer.toString(mailboxCount(ids.get("user"))));
        ids.put("filter", (String) server.post(ApiServer.ROOT_TOKEN, map("query", map(), "action", map("seen", true)),
                "/users/{u}/filters", ids.get("user")).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("id"));
        ids.put("file", (String) server.post(ApiServer.ROOT_TOKEN, map("filename", "secret.txt", "content", "private"),
                "/users/{u}/storage", ids.get("user")).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("id"));
        // Nothing listens at this address; the webhook only has to exist.
        ids.put("webhook", (String) server.post(ApiServer.ROOT_TOKEN, map("type", List.of("*"), "user", ids.get("user"),
                "url", "http://127.0.0.1:9/victim"), "/webhooks").exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("id"));
        return ids;
    }

    /** The path's variables; the resolve routes take a name where the others take an id. */
    static Map<String, String> values(String pattern, Map<String, String> ids) {
        Map<String, String> values = new HashMap<>(ids);
        if (pattern.startsWith("/addresses/resolve/")) {
            values.put("address", ids.get("addressName"));
        }
        return values;
    }

    static boolean hasJsonBody(HandlerMethod handler) {
        return List.of(handler.getMethodParameters()).stream()
                .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
    }

    static Object body(String route, HandlerMethod handler) {
        if (!hasJsonBody(handler)) {
            return null;
        }
        assertThat(BODIES).as("a valid sample body for %s in ForeignIdWalkTest.BODIES", route).containsKey(route);
        return BODIES.get(route);
    }

    static EntityExchangeResult<byte[]> call(String token, String method, String pattern,
            Map<String, String> values, Object body) {
        WebTestClient.RequestBodySpec request = server.client.method(HttpMethod.valueOf(method)).uri(pattern, values)
                .header("X-Access-Token", token);
        WebTestClient.RequestHeadersSpec<?> withBody;
        if (body != null) {
            withBody = request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        } else if (method.equals("POST") || method.equals("PUT")) {
            // Routes that read a raw body (message upload) get a real message, so a broken check would store it.
            withBody = request.contentType(MediaType.parseMediaType("message/rfc822")).bodyValue(RAW);
        } else {
            withBody = request;
        }
        return withBody.exchange().expectBody().returnResult();
    }

    private static void expect(Map<String, List<String>> refused, String what, EntityExchangeResult<byte[]> result,
            int status, String code) {
        String body = result.getResponseBody() == null ? "" : new String(result.getResponseBody(), StandardCharsets.UTF_8);
        boolean codeMatches = code == null ? body.contains("\"code\"") : body.contains("\"code\":\"" + code + "\"");
        if (result.getStatus().value() != status || !codeMatches) {
            refused.computeIfAbsent(what, k -> new ArrayList<>()).add(result.getStatus().value() + " " + body);
        }
    }

    private static int mailboxCount(String user) {
        Map<?, ?> listing = server.get(ApiServer.ROOT_TOKEN, "/users/{u}/mailboxes", user).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) listing.get("results")).size();
    }

    private static void victimIsUntouched(User victim, Map<String, String> ids) {
        String root = ApiServer.ROOT_TOKEN;
        String user = ids.get("user");
        server.get(root, "/users/{u}", user).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo(victim.name());
        server.get(root, "/users/{u}/mailboxes/{m}/messages/{n}", user, ids.get("mailbox"), ids.get("message")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.seen").isEqualTo(false);
        server.get(root, "/users/{u}/asps/{a}", user, ids.get("asp")).exchange().expectStatus().isOk();
        server.get(root, "/users/{u}/addresses", user).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results.length()").isEqualTo(2);
        server.get(root, "/users/{u}/mailboxes/{m}", user, ids.get("mailbox")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("Private").jsonPath("$.total").isEqualTo(1);
        assertThat(mailboxCount(user)).as("no mailbox created or deleted").isEqualTo(Integer.parseInt(ids.get("mailboxes")));
        server.get(root, "/domainaliases/{a}", ids.get("alias")).exchange().expectStatus().isOk();
        server.get(root, "/users/{u}/filters/{f}", user, ids.get("filter")).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.disabled").isEqualTo(false);
        server.get(root, "/users/{u}/filters", user).exchange().expectBody().jsonPath("$.results.length()").isEqualTo(1);
        server.get(root, "/users/{u}/autoreply", user).exchange().expectBody().jsonPath("$.status").isEqualTo(false);
        server.get(root, "/users/{u}/storage/{f}", user, ids.get("file")).exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("private");
        server.get(root, "/users/{u}/storage", user).exchange().expectBody().jsonPath("$.results.length()").isEqualTo(1);
        server.get(root, "/webhooks/{w}", ids.get("webhook")).exchange().expectStatus().isOk();
        server.delete(root, "/webhooks/{w}", ids.get("webhook")).exchange().expectStatus().isOk();
    }
}
