package io.mallard.imap.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.imap.support.TestServer;
import io.mallard.imap.support.Transcript;
import io.mallard.model.testing.SettableClock;
import io.mallard.model.user.PasswordHasher;
import io.mallard.model.user.User;

/**
 * Guessing over IMAP meets the login-failure windows shared with POP3 and the API (WildDuck's
 * 12 per account, and a wider one per client address): a locked-out login gets the same
 * {@code NO [AUTHENTICATIONFAILED]} as a wrong password, so the proof that guessing stopped is
 * that no more passwords were checked.
 */
@Timeout(120)
class LoginFailureLimitTest {

    private static final String FAILED = "[a-z]\\d+ NO \\[AUTHENTICATIONFAILED\\] .*";

    @Test
    void aThousandGuessesCheckOnlyTwelvePasswordsAndLockTheRightOneOutButNotOtherUsers(@TempDir Path dir)
            throws IOException {
        try (TestServer server = TestServer.start(dir, "mallard.access.login-failures=12",
                "mallard.access.login-window=10m")) {
            User victim = server.user("victim");
            User bystander = server.user("bystander");
            PasswordHasher hasher = server.bean(PasswordHasher.class);
            long before = hasher.verifications();

            List<String> guesses = new ArrayList<>();
            for (int i = 1; i <= 1000; i++) {
                guesses.add("C: a" + i + " LOGIN ${victim} wrong" + i);
                guesses.add("S: " + FAILED);
            }
            Transcript.run(server.port(), guesses, Map.of("victim", victim.username()));
            assertThat(hasher.verifications() - before).isEqualTo(12);

            Transcript.run(server.port(), List.of(
                    "C: a1 LOGIN ${victim} \"${password}\"",
                    "S: " + FAILED,
                    "C: a2 LOGIN ${bystander} \"${password}\"",
                    "S: a2 OK .*Logged in"),
                    Map.of("victim", victim.username(), "bystander", bystander.username(),
                            "password", TestServer.PASSWORD));
        }
    }

    @Test
    void theRightPasswordIsAcceptedOnceTheWindowHasPassed(@TempDir Path dir) throws Exception {
        SettableClock clock = new SettableClock(Instant.now());
        try (TestServer server = TestServer.start(dir, clock, "mallard.access.login-failures=3",
                "mallard.access.login-window=120s")) {
            User user = server.user("patient");
            Map<String, String> variables = Map.of("user", user.username(), "password", TestServer.PASSWORD);
            Transcript.run(server.port(), List.of(
                    "C: a1 LOGIN ${user} wrong",
                    "S: " + FAILED,
                    "C: a2 LOGIN ${user}@example.com wrong",
                    "S: " + FAILED,
                    "C: a3 LOGIN ${user} wrong",
                    "S: " + FAILED,
                    "# The address and the username share one window: it is full.",
                    "C: a4 LOGIN ${user}@example.com \"${password}\"",
                    "S: " + FAILED), variables);

            clock.advance(Duration.ofSeconds(121));

            Transcript.run(server.port(), List.of(
                    "C: a5 LOGIN ${user} \"${password}\"",
                    "S: a5 OK .*Logged in"), variables);
        }
    }

    /**
     * Client addresses come from PROXY protocol headers (v1 text and v2 binary, as a load balancer
     * sends them): a locked account stays locked from every address, another user from another
     * address is unaffected, and one address guessing across many names is stopped by its own
     * window while other addresses go on.
     */
    @Test
    void otherAddressesAndUsersAreUnaffectedAndOneAddressSprayingNamesIsStopped(@TempDir Path dir) throws IOException {
        try (TestServer server = TestServer.start(dir, "mallard.imap.proxy-protocol=true",
                "mallard.access.login-failures=12", "mallard.access.login-window=10m", "mallard.access.ip-failures=30",
                "mallard.access.ip-window=10m")) {
            User victim = server.user("victim");
            User bystander = server.user("bystander");
            PasswordHasher hasher = server.bean(PasswordHasher.class);
            Map<String, String> variables = Map.of("victim", victim.username(), "bystander", bystander.username(),
                    "password", TestServer.PASSWORD);
            byte[] first = proxyV1("203.0.113.1", server.port());
            byte[] second = proxyV2(new byte[] {(byte) 198, 51, 100, 2}, server.port());
            byte[] sprayer = proxyV1("203.0.113.3", server.port());

            List<String> guesses = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                guesses.add("C: a" + i + " LOGIN ${victim} wrong" + i);
                guesses.add("S: " + FAILED);
            }
            guesses.add("C: b1 LOGIN ${victim} \"${password}\"");
            guesses.add("S: " + FAILED);
            Transcript.run(server.port(), first, guesses, variables);
            Transcript.run(server.port(), second, List.of(
                    "C: b2 LOGIN ${victim} \"${password}\"",
                    "S: " + FAILED,
                    "C: b3 LOGIN ${bystander} \"${password}\"",
                    "S: b3 OK .*Logged in"), variables);

            long before = hasher.verifications();
            List<String> spray = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                spray.add("C: c" + i + " LOGIN invented" + i + " guess");
                spray.add("S: " + FAILED);
            }
            spray.add("C: d1 LOGIN ${bystander} \"${password}\"");
            spray.add("S: " + FAILED);
            Transcript.run(server.port(), sprayer, spray, variables);
            assertThat(hasher.verifications() - before).as("the sprayer's address window stops it").isEqualTo(30);

            Transcript.run(server.port(), second, List.of(
                    "C: d2 LOGIN ${bystander} \"${password}\"",
                    "S: d2 OK .*Logged in"), variables);
        }
    }

    /** PROXY protocol v1 (text): {@code PROXY TCP4 <client> <server> <client port> <server port>}. */
    private static byte[] proxyV1(String client, int serverPort) {
        return ("PROXY TCP4 " + client + " 127.0.0.1 40000 " + serverPort + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** PROXY protocol v2 (binary): signature, version 2 PROXY, TCP over IPv4, 12 address bytes. */
    private static byte[] proxyV2(byte[] client, int serverPort) {
        ByteBuffer header = ByteBuffer.allocate(28);
        header.put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        header.put((byte) 0x21).put((byte) 0x11).putShort((short) 12);
        header.put(client).put(new byte[] {127, 0, 0, 1}).putShort((short) 40000).putShort((short) serverPort);
        return header.array();
    }
}
