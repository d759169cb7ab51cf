package io.mallard.api.openapi;

import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The document's frame: every operation needs an access token unless it says otherwise
 * ({@code /health}). The header is the scheme Swagger UI offers; the {@code accessToken} query
 * parameter and {@code Authorization: Bearer} are accepted too, as in WildDuck.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Mallard API", version = "1",
        description = "WildDuck-compatible REST API: users, addresses, mailboxes and messages"),
        security = @SecurityRequirement(name = OpenApiDefinition.ACCESS_TOKEN))
@SecurityScheme(name = OpenApiDefinition.ACCESS_TOKEN, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        paramName = "X-Access-Token")
class OpenApiDefinition {

    static final String ACCESS_TOKEN = "AccessToken";
}
