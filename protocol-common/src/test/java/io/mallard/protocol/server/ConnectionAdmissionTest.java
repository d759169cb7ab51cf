package io.mallard.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallard.protocol.hook.ConnectionInfo;
import io.mallard.protocol.limit.ConnectionLimiter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ConnectionAdmissionTest {

    @Test
    void perAddressLimitRejectsTheConnectionOverTheLimitAndFreesSlotsOnClose() {
        ConnectionLimiter limiter = new ConnectionLimiter(2);
        try (EchoServer echo = new EchoServer(config -> config.limiter(limiter));
             LineClient first = echo.connect();
             LineClient second = afterGreeting(first, echo);
             LineClient third = afterGreeting(second, echo)) {
            assertThat(third.readLine()).isEqualTo("NO Too many connections from your address");
            assertThat(third.closedByServer()).isTrue();

            first.close();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> limiter.openConnections(InetAddress.getLoopbackAddress()) == 1);
            try (LineClient fourth = echo.connect()) {
                assertThat(fourth.readLine()).isEqualTo("OK ready");
            }
        }
    }

    @Test
    void limiterIsSharedAcrossListeners() {
        ConnectionLimiter limiter = new ConnectionLimiter(1);
        try (EchoServer plain = new EchoServer(config -> config.limiter(limiter));
             EchoServer other = new EchoServer(config -> config.limiter(limiter));
             LineClient first = plain.connect();
             LineClient second = afterGreeting(first, other)) {
            assertThat(second.readLine()).isEqualTo("NO Too many connections from your address");
        }
    }

    @Test
    void hookRejectsWithItsReasonAndOnCloseRunsOncePerConnection() {
        AtomicInteger seen = new AtomicInteger();
        RecordingHooks hooks = new RecordingHooks(info -> seen.getAndIncrement() == 1);
        try (EchoServer echo = new EchoServer(config -> config.hooks(hooks))) {
            try (LineClient accepted = echo.connect()) {
                assertThat(accepted.readLine()).isEqualTo("OK ready");
                accepted.send("QUIT\r\n");
                assertThat(accepted.readLine()).isEqualTo("BYE");
                assertThat(accepted.closedByServer()).isTrue();
            }
            try (LineClient rejected = echo.connect()) {
                assertThat(rejected.readLine()).isEqualTo("NO Blocked address");
                assertThat(rejected.closedByServer()).isTrue();
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> hooks.closes.size() == 2);
            assertThat(hooks.closes).containsExactlyInAnyOrderElementsOf(hooks.connects);
            assertThat(hooks.connects).extracting(ConnectionInfo::sessionId).doesNotHaveDuplicates();
            assertThat(hooks.connects).extracting(ConnectionInfo::protocol).containsOnly("echo");
        }
    }

    /** Connects once {@code previous} got its greeting, so that admissions happen in order. */
    private static LineClient afterGreeting(LineClient previous, EchoServer server) {
        assertThat(previous.readLine()).isEqualTo("OK ready");
        return server.connect();
    }
}
