package io.mallard.lmtp;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** LMTP delivery service on its own: any MTA hands mail to any instance. */
@SpringBootApplication
public class LmtpApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The service as an application, also used by {@code standalone} to run it as a child context.
     * Its settings live in {@code lmtp.yml}, so that several services share one classpath.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(LmtpApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=application,lmtp");
    }
}
