package io.mallard.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallard.protocol.tls.SelfSignedCertificateStore;
import io.mallard.protocol.tls.TlsSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class TlsTest {

    private static TlsSettings tls;

    @BeforeAll
    static void certificates(@TempDir Path directory) {
        tls = TlsSettings.of(new SelfSignedCertificateStore(directory.resolve("default"))
                        .loadOrCreate("default.example.com").serverContext())
                .withHostName("mail.example.org", new SelfSignedCertificateStore(directory.resolve("org"))
                        .loadOrCreate("mail.example.org").serverContext());
    }

    @Test
    void startTlsNeverExecutesPlaintextPipelinedAfterIt() {
        try (EchoServer echo = new EchoServer(config -> config.tls(tls));
             LineClient client = echo.connect()) {
            assertThat(client.readLine()).isEqualTo("OK ready");

            client.send("STARTTLS\r\nSECRET\r\n");
            assertThat(client.readLine()).isEqualTo("OK begin TLS");
            client.startTls(null);
            client.send("AFTER\r\n");

            assertThat(client.readLine()).isEqualTo("ECHO AFTER");
            assertThat(echo.executed).containsExactly("STARTTLS", "AFTER");
        }
    }

    @Test
    void startTlsWorksBehindProxyProtocol() {
        try (EchoServer echo = new EchoServer(config -> config.tls(tls).proxyProtocol(true));
             LineClient client = echo.connect()) {
            client.send("PROXY TCP4 192.0.2.1 198.51.100.2 56324 143\r\n");
            assertThat(client.readLine()).isEqualTo("OK ready");

            client.send("STARTTLS\r\n");
            assertThat(client.readLine()).isEqualTo("OK begin TLS");
            client.startTls(null);
            client.send("AFTER\r\n");

            assertThat(client.readLine()).isEqualTo("ECHO AFTER");
        }
    }

    @Test
    void implicitTlsGreetsOverTlsWithTheSelfSignedCertificate() {
        try (EchoServer echo = new EchoServer(config -> config.implicitTls(tls));
             LineClient client = LineClient.tls(echo.address, null)) {
            assertThat(client.readLine()).isEqualTo("OK ready tls");
            assertThat(client.peerSubject()).isEqualTo("CN=default.example.com");

            client.send("HELLO\r\n");
            assertThat(client.readLine()).isEqualTo("ECHO HELLO");
        }
    }

    @Test
    void sniPicksTheCertificateOfTheRequestedName() {
        try (EchoServer echo = new EchoServer(config -> config.implicitTls(tls));
             LineClient named = LineClient.tls(echo.address, "mail.example.org");
             LineClient unknown = LineClient.tls(echo.address, "other.example.net")) {
            assertThat(named.readLine()).isEqualTo("OK ready tls");
            assertThat(named.peerSubject()).isEqualTo("CN=mail.example.org");
            assertThat(unknown.readLine()).isEqualTo("OK ready tls");
            assertThat(unknown.peerSubject()).isEqualTo("CN=default.example.com");
        }
    }
}
