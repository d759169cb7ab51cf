package io.mallard.lmtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.lmtp.support.LmtpServer;

/**
 * RFC 3207 over a raw socket: commands pipelined in the clear behind STARTTLS are never executed
 * (§4.2, CVE-2011-0411), and after the handshake the dialogue starts over without STARTTLS on offer.
 */
@Timeout(60)
class LmtpStartTlsTest {

    @TempDir
    Path dataDir;

    @Test
    void plaintextPipelinedAfterStartTlsIsDroppedAndTheSessionStartsOver() throws Exception {
        try (LmtpServer server = new LmtpServer(dataDir);
             Socket plain = new Socket(server.address().getAddress(), server.address().getPort())) {
            plain.setSoTimeout(1000);
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = plain.getOutputStream();
            in.readLine();
            out.write("LHLO mta\r\nSTARTTLS\r\nMAIL FROM:<injected@evil.example>\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<String> lhlo = reply(in);
            assertThat(lhlo).contains("250 STARTTLS");
            assertThat(in.readLine()).isEqualTo("220 2.0.0 Ready to start TLS");
            try {
                assertThat(in.readLine()).as("nothing answers the injected command").isNull();
            } catch (SocketTimeoutException expected) {
                // silence is what we want
            }

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory()
                    .createSocket(plain, "localhost", server.address().getPort(), true)) {
                tls.setSoTimeout(5000);
                tls.startHandshake();
                BufferedReader secureIn = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8));
                OutputStream secureOut = tls.getOutputStream();
                secureOut.write("MAIL FROM:<a@b.org>\r\nLHLO mta\r\n".getBytes(StandardCharsets.US_ASCII));
                secureOut.flush();
                assertThat(secureIn.readLine()).isEqualTo("503 5.5.1 Send LHLO first");
                List<String> again = reply(secureIn);
                assertThat(again).noneMatch(line -> line.contains("STARTTLS")).contains("250-PIPELINING");
                secureOut.write("STARTTLS\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                secureOut.flush();
                assertThat(secureIn.readLine()).isEqualTo("503 5.5.1 TLS already active");
                assertThat(secureIn.readLine()).startsWith("221 2.0.0");
            }
        }
    }

    private static List<String> reply(BufferedReader in) throws Exception {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = in.readLine();
            lines.add(line);
        } while (line != null && line.charAt(3) == '-');
        return lines;
    }

    /** The test server's certificate is self-signed. */
    private static final class TrustAll implements X509TrustManager {
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
    }
}
