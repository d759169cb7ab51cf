package io.mallard.auth;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import io.mallard.auth.config.AuthProperties;

/** Access-token service on its own. */
@SpringBootApplication
@EnableConfigurationProperties(AuthProperties.class)
public class AuthApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The service as an application, also used by {@code standalone} to run it as a child context.
     * Its settings live in {@code auth.yml}, so that several services share one classpath.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(AuthApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties("spring.config.name=application,auth");
    }
}
