package io.mallard.pop3.auth;

import reactor.core.publisher.Mono;

/**
 * INTEGRATION POINT for the auth-failure rate limits shared with IMAP ({@code io.mallard.model.ratelimit},
 * being built separately): POP3 asks before checking a password and reports each failure. Until
 * that lands the service runs with {@link #UNLIMITED}; replace the bean, nothing else changes.
 */
public interface LoginThrottle {

    /** Lets every attempt through and remembers nothing. */
    LoginThrottle UNLIMITED = new LoginThrottle() {
        @Override
        public Mono<Boolean> allowed(String login, String remoteIp) {
            return Mono.just(true);
        }

        @Override
        public Mono<Void> failed(String login, String remoteIp) {
            return Mono.empty();
        }
    };

    /** False when this login or address has failed too often lately. */
    Mono<Boolean> allowed(String login, String remoteIp);

    Mono<Void> failed(String login, String remoteIp);
}
