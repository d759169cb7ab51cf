package io.mallard.pop3.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mallard.model.message.Message;
import io.mallard.model.user.User;
import io.mallard.pop3.auth.LoginThrottle;
import io.mallard.pop3.support.Pop3Client;
import io.mallard.pop3.support.Pop3TestServer;
import io.mallard.pop3.support.TestMessages;
import io.mallard.pop3.support.Transcript;
import reactor.core.publisher.Mono;

/**
 * The answers that need a particular server: {@code [LOGIN-DELAY]} from a {@link LoginThrottle}
 * (the integration point for the shared rate limits), {@code [SYS/TEMP]} when the maildrop cannot
 * be opened, and, with no maildrop cache, RETR reading each message when asked, which finds one
 * that IMAP removed meanwhile gone.
 */
@Timeout(60)
class ResponseCodesTest {

    /** Refuses a login name after two reported failures; what the shared limiter will do, in memory. */
    static final class TwoStrikes implements LoginThrottle {
        private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

        @Override
        public Mono<Boolean> allowed(String login, String remoteIp) {
            return Mono.just(failures.computeIfAbsent(login, name -> new AtomicInteger()).get() < 2);
        }

        @Override
        public Mono<Void> failed(String login, String remoteIp) {
            return Mono.fromRunnable(() -> failures.computeIfAbsent(login, name -> new AtomicInteger()).incrementAndGet());
        }
    }

    private static Pop3TestServer server;

    @BeforeAll
    static void start() {
        server = Pop3TestServer.start(new Object[] {new TwoStrikes()}, "mallard.pop3.allow-plaintext-login=true",
                "mallard.pop3.maildrop-cache-bytes=0");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void loginDelayOnceTheThrottleSaysSoEvenWithTheRightPassword() {
        User user = server.newUser("throttled");
        Transcript.run(server.plain(), Map.of("user", user.username(), "password", Pop3TestServer.PASSWORD), """
                S: +OK...
                C: USER ${user}
                C: PASS wrong
                C: USER ${user}
                C: PASS wrong again
                C: USER ${user}
                C: PASS ${password}
                S: +OK Send your password
                S: -ERR [AUTH] Invalid login or password
                S: +OK Send your password
                S: -ERR [AUTH] Invalid login or password
                S: +OK Send your password
                S: -ERR [LOGIN-DELAY] Too many failed logins, try again later
                """);
    }

    @Test
    void sysTempWhenTheMaildropCannotBeOpenedAndTheLockIsNotKept() {
        User user = server.newUserWithoutMailboxes("nomailbox");
        Map<String, String> variables = Map.of("user", user.username(), "password", Pop3TestServer.PASSWORD);
        Transcript.run(server.plain(), variables, """
                S: +OK...
                C: USER ${user}
                S: +OK...
                C: PASS ${password}
                S: -ERR [SYS/TEMP] Temporary failure, try again later
                C: QUIT
                S: +OK pop3.test signing off
                """);
        server.storage().mailboxes().createDefaults(user.id()).blockLast();
        Transcript.run(server.plain(), variables, """
                S: +OK...
                C: USER ${user}
                S: +OK...
                C: PASS ${password}
                S: +OK ${user} has 0 messages (0 octets)
                C: QUIT
                S: +OK pop3.test signing off
                """);
    }

    @Test
    void uncachedRetrReadsTheMessageWhenAskedAndReportsOneRemovedMeanwhile() {
        User user = server.newUser("uncached");
        Message removed = server.append(user.id(), TestMessages.numbered(1));
        server.append(user.id(), TestMessages.numbered(2));
        try (Pop3Client client = new Pop3Client(server.plain())) {
            Map<String, String> variables = Map.of("user", user.username(), "password", Pop3TestServer.PASSWORD);
            Transcript.run(client, variables, """
                    S: +OK...
                    C: USER ${user}
                    S: +OK...
                    C: PASS ${password}
                    S: +OK ${user} has 2 messages...
                    """);
            server.storage().messages().delete(removed.mailbox(), removed.uid()).block();
            Transcript.run(client, variables, """
                    C: RETR 1
                    S: -ERR Message 1 was removed by another session
                    C: TOP 2 0
                    S: +OK Top of message follows
                    S: From: sender@example.com
                    S: To: user@example.com
                    S: Subject: Message 2
                    S: Message-ID: <...
                    S:
                    S: .
                    C: RETR 2
                    S: +OK...
                    S: From: sender@example.com
                    S: To: user@example.com
                    S: Subject: Message 2
                    S: Message-ID: <...
                    S:
                    S: Body of message 2
                    S: ..starts with a dot
                    S: last line
                    S: .
                    C: QUIT
                    S: +OK pop3.test signing off
                    """);
        }
    }
}
