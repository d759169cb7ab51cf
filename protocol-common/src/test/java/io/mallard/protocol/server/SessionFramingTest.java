package io.mallard.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class SessionFramingTest {

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

    @Test
    void dataBlockIsReadUpToItsTerminatorThenCommandsResume() {
        try (EchoServer echo = new EchoServer(config -> config);
             LineClient client = echo.connect()) {
            assertThat(client.readLine()).isEqualTo("OK ready");

            client.send("DATA\r\n");
            assertThat(client.readLine()).isEqualTo("354 go ahead");
            client.send("a\r\n..b\r\nQUIT\r\n.\r\nHELLO\r\n");

            assertThat(client.readLine()).isEqualTo("250 13");
            assertThat(client.readLine()).isEqualTo("ECHO HELLO");
            assertThat(echo.executed).containsExactly("DATA", "HELLO");
        }
    }

    @Test
    void bdatChunkSentWithItsCommandIsNeverReadAsCommands() {
        try (EchoServer echo = new EchoServer(config -> config);
             LineClient client = echo.connect()) {
            assertThat(client.readLine()).isEqualTo("OK ready");

            client.send("BDAT 6\r\nQUIT\r\nHELLO\r\n");

            assertThat(client.readLine()).isEqualTo("250 6");
            assertThat(client.readLine()).isEqualTo("ECHO HELLO");
            assertThat(echo.executed).containsExactly("BDAT 6", "HELLO");
        }
    }
}
