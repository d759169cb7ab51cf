package io.mallard.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallard.protocol.hook.ConnectionInfo;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ProxyProtocolTest {

    private final RecordingHooks hooks = new RecordingHooks(info -> false);

    @Test
    void versionOneHeaderSetsTheClientAddressSeenByHooks() {
        try (EchoServer echo = new EchoServer(config -> config.proxyProtocol(true).hooks(hooks));
             LineClient client = echo.connect()) {
            client.send("PROXY TCP4 192.0.2.1 198.51.100.2 56324 143\r\n");

            assertThat(client.readLine()).isEqualTo("OK ready");
            ConnectionInfo info = hooks.connects.peek();
            assertThat(info.remoteAddress()).isEqualTo(new InetSocketAddress("192.0.2.1", 56324));
            assertThat(info.localAddress()).isEqualTo(new InetSocketAddress("198.51.100.2", 143));
            client.send("HELLO\r\n");
            assertThat(client.readLine()).isEqualTo("ECHO HELLO");
        }
    }

    @Test
    void versionTwoHeaderSetsTheClientAddressSeenByHooks() {
        try (EchoServer echo = new EchoServer(config -> config.proxyProtocol(true).hooks(hooks));
             LineClient client = echo.connect()) {
            client.send(versionTwoHeader(new byte[] {(byte) 203, 0, 113, 7}, 40000, new byte[] {10, 0, 0, 1}, 993));

            assertThat(client.readLine()).isEqualTo("OK ready");
            ConnectionInfo info = hooks.connects.peek();
            assertThat(info.remoteAddress()).isEqualTo(new InetSocketAddress("203.0.113.7", 40000));
            assertThat(info.localAddress()).isEqualTo(new InetSocketAddress("10.0.0.1", 993));
        }
    }

    @Test
    void connectionWithoutAValidHeaderIsClosedUnheard() {
        try (EchoServer echo = new EchoServer(config -> config.proxyProtocol(true).hooks(hooks));
             LineClient client = echo.connect()) {
            client.send("HELLO, THIS IS NO PROXY HEADER\r\n");

            assertThat(client.closedByServer()).isTrue();
            assertThat(hooks.connects).isEmpty();
            assertThat(echo.executed).isEmpty();
        }
    }

    /** PROXY protocol v2, §2.2: signature, PROXY command, TCP over IPv4, addresses then ports. */
    private static byte[] versionTwoHeader(byte[] source, int sourcePort, byte[] destination, int destinationPort) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes("\r\n\r\n\0\r\nQUIT\n".getBytes(StandardCharsets.ISO_8859_1));
        header.write(0x21);
        header.write(0x11);
        header.write(0);
        header.write(12);
        header.writeBytes(source);
        header.writeBytes(destination);
        header.write(sourcePort >> 8);
        header.write(sourcePort & 0xff);
        header.write(destinationPort >> 8);
        header.write(destinationPort & 0xff);
        return header.toByteArray();
    }
}
