package io.mallard.gateway;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** HTTP entry point: routes to the api, auth and acme services. */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The service as an application, also used by {@code standalone} to run it as a child context.
     * Its settings live in {@code gateway.yml}, so that several services share one classpath.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties("spring.config.name=application,gateway");
    }
}
