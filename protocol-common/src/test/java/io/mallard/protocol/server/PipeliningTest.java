package io.mallard.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class PipeliningTest {

    @Test
    void commandPipelinedBehindAnAsynchronousOneRunsAfterIt() {
        try (EchoServer echo = new EchoServer(config -> config);
             LineClient client = echo.connect()) {
            assertThat(client.readLine()).isEqualTo("OK ready");

            client.send("WAIT 200\r\nHELLO\r\nAGAIN\r\n");

            assertThat(client.readLine()).isEqualTo("DONE");
            assertThat(client.readLine()).isEqualTo("ECHO HELLO");
            assertThat(client.readLine()).isEqualTo("ECHO AGAIN");
            assertThat(echo.executed).containsExactly("WAIT 200", "HELLO", "AGAIN");
        }
    }

    @Test
    void linesSplitAcrossPacketsAreJoined() {
        try (EchoServer echo = new EchoServer(config -> config);
             LineClient client = echo.connect()) {
            assertThat(client.readLine()).isEqualTo("OK ready");

            client.send("HEL");
            client.send("LO\r");
            client.send("\n");

            assertThat(client.readLine()).isEqualTo("ECHO HELLO");
        }
    }
}
