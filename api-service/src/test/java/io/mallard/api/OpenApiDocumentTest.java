package io.mallard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The generated document describes exactly the routes the app serves, so it cannot drift from
 * the code; it carries the access-token scheme and a tag per group; Swagger UI is served under
 * the prefix the gateway routes.
 */
class OpenApiDocumentTest {

    static final ApiServer server = ApiServer.shared();

    @Test
    @SuppressWarnings("unchecked")
    void documentedOperationsAreExactlyTheImplementedRoutes() {
        Map<String, Object> document = server.client.get().uri("/openapi.json").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, operations) ->
                operations.keySet().forEach(method -> documented.add(method.toUpperCase() + " " + path)));

        Set<String> implemented = new TreeSet<>();
        server.context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("io.mallard.api")) {
                info.getPatternsCondition().getPatterns().forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> implemented.add(method.name() + " " + pattern.getPatternString())));
            }
        });
        assertThat(implemented).hasSizeGreaterThan(20);
        assertThat(documented).isEqualTo(implemented);
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentDeclaresTheTokenSchemeAndGroupTags() {
        server.client.get().uri("/openapi.json").exchange().expectBody()
                .jsonPath("$.components.securitySchemes.AccessToken.type").isEqualTo("apiKey")
                .jsonPath("$.components.securitySchemes.AccessToken.name").isEqualTo("X-Access-Token")
                .jsonPath("$.security[0].AccessToken").exists()
                .jsonPath("$.paths['/health'].get.security").isEmpty()
                .jsonPath("$.paths['/users'].post.tags[0]").isEqualTo("Users")
                .jsonPath("$.paths['/users/{user}/mailboxes/{mailbox}/messages'].post.requestBody.content['message/rfc822']")
                .exists();
    }

    @Test
    void swaggerUiIsServedUnderItsPrefix() {
        String location = server.client.get().uri("/swagger-ui").exchange().expectStatus().is3xxRedirection()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        assertThat(location).startsWith("/swagger-ui/");
        server.client.get().uri(location).exchange().expectStatus().isEqualTo(HttpStatus.OK);
    }
}
