package io.mallard.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client with Nagle's algorithm on (as Python's smtplib and imaplib are) sends a block in two
 * writes with no answer in between. Its second write waits until the first is acknowledged; a
 * server that lets the kernel delay that acknowledgement stalls every such command by 40 ms.
 */
@Timeout(30)
class QuickAckTest {

    private static final int EXCHANGES = 9;

    @Test
    void aBlockSentInTwoWritesIsAnsweredWithoutWaitingForADelayedAcknowledgement() {
        assumeTrue(quickAckSupported(), "TCP_QUICKACK exists on Linux only");
        try (EchoServer echo = new EchoServer(config -> config); LineClient client = echo.connect()) {
            assertThat(client.readLine()).isEqualTo("OK ready");
            long[] millis = new long[EXCHANGES];
            for (int i = 0; i < EXCHANGES; i++) {
                client.send("DATA\r\n");
                assertThat(client.readLine()).isEqualTo("354 go ahead");
                long started = System.nanoTime();
                client.send("hello duck\r\n");
                client.send(".\r\n");
                assertThat(client.readLine()).isEqualTo("250 12");
                millis[i] = (System.nanoTime() - started) / 1_000_000;
            }
            Arrays.sort(millis);
            // the kernel's shortest delayed acknowledgement is 40 ms; without one an exchange takes well under 1 ms
            assertThat(millis[EXCHANGES / 2]).as("median of %s ms", Arrays.toString(millis)).isLessThan(20);
        }
    }

    private static boolean quickAckSupported() {
        try (SocketChannel channel = SocketChannel.open()) {
            return channel.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
        } catch (IOException e) {
            return false;
        }
    }
}
