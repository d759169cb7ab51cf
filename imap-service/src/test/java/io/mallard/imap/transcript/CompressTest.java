package io.mallard.imap.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.imap.support.TestServer;
import io.mallard.model.user.User;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;

/**
 * RFC 4978 COMPRESS=DEFLATE: a raw socket speaking raw deflate through java.util.zip (Python's
 * imaplib cannot), and Angus Mail with {@code mail.imap.compress.enable}, reading real mail through it.
 */
@Timeout(60)
class CompressTest {

    @TempDir
    static Path dataDir;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        User user = server.user("squeezed");
        server.append(server.mailbox(user, "INBOX"), TestServer.message(1), List.of(), Instant.now());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everythingAfterTheTaggedOkIsRawDeflateBothWays() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            BufferedReader plain = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            assertThat(plain.readLine()).startsWith("* OK");
            out.write("a0 COMPRESS DEFLATE\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(plain.readLine()).startsWith("a0 BAD");
            out.write(("a1 LOGIN squeezed \"" + TestServer.PASSWORD + "\"\r\na2 COMPRESS ZSTD\r\n"
                    + "a3 COMPRESS DEFLATE\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(plain.readLine()).startsWith("a1 OK");
            assertThat(plain.readLine()).startsWith("a2 BAD");
            assertThat(plain.readLine()).isEqualTo("a3 OK DEFLATE active");

            DeflaterOutputStream deflated = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true),
                    true);
            // Lines are read byte by byte: InputStreamReader would block on InflaterInputStream.available(),
            // which claims more input until the end of the stream.
            InflatedLines in = new InflatedLines(new InflaterInputStream(socket.getInputStream(), new Inflater(true)));
            send(deflated, "a4 SELECT INBOX");
            String line;
            do {
                line = in.readLine();
            } while (!line.startsWith("a4 "));
            assertThat(line).startsWith("a4 OK");
            send(deflated, "a5 FETCH 1 BODY.PEEK[TEXT]");
            assertThat(in.readLine()).isEqualTo("* 1 FETCH (BODY[TEXT] {31}");
            assertThat(in.readLine()).isEqualTo("Hello number 1.");
            assertThat(in.readLine()).isEqualTo("Second line.");
            assertThat(in.readLine()).isEqualTo(")");
            assertThat(in.readLine()).startsWith("a5 OK");
            send(deflated, "a6 COMPRESS DEFLATE");
            assertThat(in.readLine()).startsWith("a6 NO [COMPRESSIONACTIVE]");
            send(deflated, "a7 LOGOUT");
            assertThat(in.readLine()).startsWith("* BYE");
        }
    }

    @Test
    void angusMailReadsMailThroughCompression() throws Exception {
        String transcript = readWithAngus(new Properties());
        assertThat(transcript).containsPattern("[A-Z]\\d+ COMPRESS DEFLATE").containsPattern("[A-Z]\\d+ OK DEFLATE active");
    }

    @Test
    void compressionRunsInsideTls() throws Exception {
        Properties tls = new Properties();
        tls.put("mail.imap.starttls.enable", "true");
        tls.put("mail.imap.starttls.required", "true");
        // The test trusts the server's fresh self-signed certificate; what is tested is the layering.
        tls.put("mail.imap.ssl.trust", "*");
        tls.put("mail.imap.ssl.checkserveridentity", "false");
        String transcript = readWithAngus(tls);
        assertThat(transcript).containsPattern("[A-Z]\\d+ STARTTLS").containsPattern("[A-Z]\\d+ OK DEFLATE active");
    }

    /** Reads message 1 through Angus Mail with compression on; returns the protocol transcript. */
    private static String readWithAngus(Properties extra) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", String.valueOf(server.port()));
        properties.put("mail.imap.compress.enable", "true");
        properties.putAll(extra);
        Session session = Session.getInstance(properties);
        ByteArrayOutputStream protocol = new ByteArrayOutputStream();
        session.setDebug(true);
        session.setDebugOut(new PrintStream(protocol, true, StandardCharsets.UTF_8));
        Store store = session.getStore("imap");
        store.connect("squeezed", TestServer.PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Message 1");
            assertThat(inbox.getMessage(1).getContent().toString()).startsWith("Hello number 1.");
            inbox.close(false);
        } finally {
            store.close();
        }
        return protocol.toString(StandardCharsets.UTF_8);
    }

    private record InflatedLines(InputStream in) {
        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return null;
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.UTF_8);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
    }

    private static void send(DeflaterOutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
