package io.mallard.imap.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.imap.support.TestServer;

/** Stopping the service says {@code * BYE} to a client in IDLE before the connection closes (RFC 9051 §7.1.5). */
@Timeout(60)
class ShutdownTest {

    @TempDir
    Path dataDir;

    @Test
    void idlingClientGetsByeOnShutdown() throws Exception {
        TestServer server = TestServer.start(dataDir);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            server.user("leaving");
            socket.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            out.write(("a1 LOGIN leaving \"" + TestServer.PASSWORD + "\"\r\na2 SELECT INBOX\r\na3 IDLE\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line;
            do {
                line = in.readLine();
            } while (!line.startsWith("+ "));
            server.close();
            assertThat(in.readLine()).isEqualTo("* BYE Server shutting down");
            assertThat(in.readLine()).isNull();
        } finally {
            server.close();
        }
    }
}
