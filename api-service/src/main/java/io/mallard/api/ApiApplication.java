package io.mallard.api;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import io.mallard.api.web.ApiProperties;

/** Tenant REST API (WildDuck-compatible) on its own. */
@SpringBootApplication
@EnableConfigurationProperties(ApiProperties.class)
public class ApiApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The service as an application, also used by {@code standalone} to run it as a child context.
     * Its settings live in {@code api.yml}, so that several services share one classpath.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ApiApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties("spring.config.name=application,api");
    }
}
