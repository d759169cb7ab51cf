package io.mallard.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class IdleTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofMillis(600);

    @Test
    void idleConnectionIsToldAndClosed() {
        try (EchoServer echo = new EchoServer(config -> config.idleTimeout(TIMEOUT));
             LineClient client = echo.connect()) {
            assertThat(client.readLine()).isEqualTo("OK ready");

            assertThat(client.readLine()).isEqualTo("BYE idle");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void slowStreamingResponseLongerThanTheTimeoutIsNotCut() {
        try (EchoServer echo = new EchoServer(config -> config.idleTimeout(TIMEOUT));
             LineClient client = echo.connect()) {
            assertThat(client.readLine()).isEqualTo("OK ready");

            client.send("SLOW 8\r\n");
            for (int part = 8; part > 0; part--) {
                assertThat(client.readLine()).isEqualTo("PART " + part);
            }
            assertThat(client.readLine()).isEqualTo("DONE");
        }
    }

    @Test
    void busySessionSilentForLongerThanTheTimeoutIsNotCut() {
        try (EchoServer echo = new EchoServer(config -> config.idleTimeout(TIMEOUT));
             LineClient client = echo.connect()) {
            assertThat(client.readLine()).isEqualTo("OK ready");

            client.send("WAIT 1500\r\n");
            assertThat(client.readLine()).isEqualTo("DONE");
            client.send("HELLO\r\n");
            assertThat(client.readLine()).isEqualTo("ECHO HELLO");
        }
    }

    @Test
    void aSessionCanLengthenAndShortenItsTimeout() throws InterruptedException {
        try (EchoServer echo = new EchoServer(config -> config.idleTimeout(TIMEOUT));
             LineClient client = echo.connect()) {
            assertThat(client.readLine()).isEqualTo("OK ready");

            client.send("TIMEOUT 5000\r\n");
            assertThat(client.readLine()).isEqualTo("OK timeout 5000");
            Thread.sleep(TIMEOUT.toMillis() * 2);
            client.send("HELLO\r\n");
            assertThat(client.readLine()).isEqualTo("ECHO HELLO");

            client.send("TIMEOUT 200\r\n");
            assertThat(client.readLine()).isEqualTo("OK timeout 200");
            assertThat(client.readLine()).isEqualTo("BYE idle");
            assertThat(client.closedByServer()).isTrue();
        }
    }
}
