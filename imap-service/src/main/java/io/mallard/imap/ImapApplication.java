package io.mallard.imap;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** IMAP service on its own: one instance of any number behind a TCP load balancer. */
@SpringBootApplication
public class ImapApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The service as an application, also used by {@code standalone} to run it as a child context.
     * Its settings live in {@code imap.yml}, so that several services share one classpath.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ImapApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=application,imap");
    }
}
