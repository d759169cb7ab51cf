package io.mallard.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class GracefulShutdownTest {

    @Test
    void idleSessionsGetGoodbyeBusyOnesFinishFirstAndNoNewConnectionIsAccepted() {
        RecordingHooks hooks = new RecordingHooks(info -> false);
        EchoServer echo = new EchoServer(config -> config.hooks(hooks));
        try (LineClient idle = echo.connect(); LineClient busy = echo.connect()) {
            assertThat(idle.readLine()).isEqualTo("OK ready");
            assertThat(busy.readLine()).isEqualTo("OK ready");
            busy.send("WAIT 500\r\n");
            awaitExecuted(echo, "WAIT 500");

            CompletableFuture<Void> shutdown = echo.server.shutdown(Duration.ofSeconds(5)).toFuture();

            assertThat(idle.readLine()).isEqualTo("BYE shutting down");
            assertThat(busy.readLine()).isEqualTo("DONE");
            assertThat(busy.readLine()).isEqualTo("BYE shutting down");
            shutdown.join();
            assertThat(idle.closedByServer()).isTrue();
            assertThat(busy.closedByServer()).isTrue();
            assertThat(hooks.closes).hasSize(2);
            assertThatThrownBy(() -> new Socket(echo.address.getAddress(), echo.address.getPort()).close())
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void sessionsStillBusyAfterTheGracePeriodAreClosed() {
        EchoServer echo = new EchoServer(config -> config);
        try (LineClient busy = echo.connect()) {
            assertThat(busy.readLine()).isEqualTo("OK ready");
            busy.send("WAIT 10000\r\n");
            awaitExecuted(echo, "WAIT 10000");

            echo.server.shutdown(Duration.ofMillis(300)).block(Duration.ofSeconds(5));

            assertThat(busy.closedByServer()).isTrue();
        }
    }

    private static void awaitExecuted(EchoServer echo, String line) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> echo.executed.contains(line));
    }
}
