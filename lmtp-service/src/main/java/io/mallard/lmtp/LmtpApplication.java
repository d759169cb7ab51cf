package io.mallard.lmtp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** LMTP delivery service on its own: any MTA hands mail to any instance. */
@SpringBootApplication
public class LmtpApplication {

    public static void main(String[] args) {
        SpringApplication.run(LmtpApplication.class, args);
    }
}
