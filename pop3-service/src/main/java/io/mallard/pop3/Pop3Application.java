package io.mallard.pop3;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** POP3 service on its own: one instance of any number behind a TCP load balancer. */
@SpringBootApplication
public class Pop3Application {

    public static void main(String[] args) {
        SpringApplication.run(Pop3Application.class, args);
    }
}
