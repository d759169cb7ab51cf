package io.mallard.imap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** IMAP service on its own: one instance of any number behind a TCP load balancer. */
@SpringBootApplication
public class ImapApplication {

    public static void main(String[] args) {
        SpringApplication.run(ImapApplication.class, args);
    }
}
