package io.mallard.acme;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** ACME certificate agent on its own. */
@SpringBootApplication
public class AcmeApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The service as an application, also used by {@code standalone} to run it as a child context.
     * Its settings live in {@code acme.yml}, so that several services share one classpath.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(AcmeApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties("spring.config.name=application,acme");
    }
}
