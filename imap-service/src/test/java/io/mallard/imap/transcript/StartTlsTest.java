package io.mallard.imap.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.imap.support.TestServer;

/**
 * With the default policy, logins need TLS: CAPABILITY says LOGINDISABLED and offers STARTTLS
 * before it (RFC 9051 §6.2.1, §6.2.3), LOGIN is refused, and after STARTTLS (the self-signed
 * certificate of a fresh install) the mechanisms appear and LOGIN succeeds.
 */
@Timeout(60)
class StartTlsTest {

    @TempDir
    static Path dataDir;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir, "mallard.imap.allow-plaintext-login=false");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void loginNeedsStartTls() throws Exception {
        server.user("secure");
        try (Socket plain = new Socket("127.0.0.1", server.port())) {
            plain.setSoTimeout(10_000);
            BufferedReader in = reader(plain);
            OutputStream out = plain.getOutputStream();
            in.readLine();
            send(out, "a1 CAPABILITY");
            String capability = in.readLine();
            assertThat(capability).contains(" STARTTLS", " LOGINDISABLED").doesNotContain("AUTH=");
            assertThat(in.readLine()).startsWith("a1 OK");
            send(out, "a2 LOGIN secure \"" + TestServer.PASSWORD + "\"");
            assertThat(in.readLine()).startsWith("a2 NO [PRIVACYREQUIRED]");
            send(out, "a3 AUTHENTICATE PLAIN AHNlY3VyZQBjb3JyZWN0IGhvcnNl");
            assertThat(in.readLine()).startsWith("a3 NO [PRIVACYREQUIRED]");
            send(out, "a4 STARTTLS");
            assertThat(in.readLine()).startsWith("a4 OK");

            SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(plain, "127.0.0.1", server.port(), true);
            tls.startHandshake();
            BufferedReader secureIn = reader(tls);
            OutputStream secureOut = tls.getOutputStream();
            send(secureOut, "b1 CAPABILITY");
            assertThat(secureIn.readLine()).contains("AUTH=PLAIN").doesNotContain("LOGINDISABLED", "STARTTLS");
            assertThat(secureIn.readLine()).startsWith("b1 OK");
            send(secureOut, "b2 LOGIN secure \"" + TestServer.PASSWORD + "\"");
            assertThat(secureIn.readLine()).startsWith("b2 OK");
        }
    }

    private static BufferedReader reader(Socket socket) throws Exception {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The test trusts the server's fresh self-signed certificate; what is tested is the protocol. */
    private static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
