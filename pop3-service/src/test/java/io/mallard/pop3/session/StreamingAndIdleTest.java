package io.mallard.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mallard.model.user.User;
import io.mallard.pop3.support.Pop3Client;
import io.mallard.pop3.support.Pop3TestServer;

/**
 * WildDuck's timeout rule: a RETR streaming to a slow reader is never cut off, even when it lasts
 * longer than the idle timeout, while a silent connection is closed at the timeout.
 */
@Timeout(120)
class StreamingAndIdleTest {

    private static final int SIZE = 30 * 1024 * 1024;

    private static final Pop3TestServer SERVER = Pop3TestServer.shared();
    private static User user;
    private static byte[] expectedDigest;
    private static long expectedLength;

    @BeforeAll
    static void storeA30MegabyteMessage() throws Exception {
        user = SERVER.newUser("big");
        ByteArrayOutputStream raw = new ByteArrayOutputStream(SIZE + 1024);
        MessageDigest stuffed = MessageDigest.getInstance("SHA-256");
        long stuffedLength = 0;
        raw.writeBytes("From: big@example.com\r\nSubject: Thirty megabytes\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        stuffed.update(raw.toByteArray());
        stuffedLength += raw.size();
        for (int i = 0; raw.size() < SIZE; i++) {
            // Every seventh line starts with a dot, so stuffing happens across chunk boundaries.
            String line = (i % 7 == 0 ? "." : "") + "line " + i + " " + "x".repeat(60) + "\r\n";
            byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
            raw.writeBytes(bytes);
            if (line.startsWith(".")) {
                stuffed.update((byte) '.');
                stuffedLength++;
            }
            stuffed.update(bytes);
            stuffedLength += bytes.length;
        }
        stuffed.update(".\r\n".getBytes(StandardCharsets.US_ASCII));
        expectedDigest = stuffed.digest();
        expectedLength = stuffedLength + 3;
        SERVER.append(user.id(), raw.toByteArray());
    }

    @Test
    void thirtyMegabyteRetrToAThrottledReaderOutlastsTheIdleTimeout() throws Exception {
        try (Pop3Client client = new Pop3Client(SERVER.plain())) {
            client.socket().setReceiveBufferSize(64 * 1024);
            login(client);
            client.send("RETR 1");
            assertThat(client.readLine()).endsWith(" octets");
            long start = System.nanoTime();
            // About 5 MB/s: 30 MB take some 6 s, twice the 3 s idle timeout.
            Received received = read(client.input(), 64 * 1024, 12);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("POP3 throttled RETR: %d octets in %.1f s (idle timeout %d s)%n", received.length(), seconds,
                    Pop3TestServer.IDLE_SECONDS);
            assertThat(seconds).isGreaterThan(Pop3TestServer.IDLE_SECONDS * 1.5);
            assertThat(received.length()).isEqualTo(expectedLength);
            assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(expectedDigest));
            client.send("QUIT");
            assertThat(client.readLine()).startsWith("+OK");
        }
    }

    @Test
    void thirtyMegabyteRetrAtFullSpeed() throws Exception {
        try (Pop3Client client = new Pop3Client(SERVER.plain())) {
            login(client);
            long start = System.nanoTime();
            client.send("RETR 1");
            client.readLine();
            Received received = read(client.input(), 256 * 1024, 0);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("POP3 RETR at full speed: %d octets in %.2f s = %.0f MB/s%n", received.length(), seconds,
                    received.length() / seconds / 1e6);
            assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(expectedDigest));
            client.send("QUIT");
            assertThat(client.readLine()).startsWith("+OK");
        }
    }

    @Test
    void idleConnectionIsClosedAtTheTimeout() {
        try (Pop3Client client = new Pop3Client(SERVER.plain())) {
            login(client);
            long start = System.nanoTime();
            assertThat(client.readLine()).isEqualTo("-ERR Idle for too long, closing connection");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(client.closedByServer()).isTrue();
            assertThat(seconds).isBetween(Pop3TestServer.IDLE_SECONDS - 0.5, Pop3TestServer.IDLE_SECONDS + 2.0);
        }
    }

    private static void login(Pop3Client client) {
        client.readLine();
        client.send("USER " + user.username()).readLine();
        // Another test of this class may still hold the lock for a moment after its QUIT.
        assertThat(client.send("PASS " + Pop3TestServer.PASSWORD).readLine()).startsWith("+OK");
    }

    private record Received(long length, byte[] digest) {
    }

    /** Reads up to and including the terminating ".CRLF", pausing {@code pauseMillis} after each read. */
    private static Received read(InputStream in, int bufferSize, long pauseMillis) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[bufferSize];
        byte[] tail = new byte[5];
        long length = 0;
        while (!endsWithTerminator(tail)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed after " + length + " octets");
            }
            digest.update(buffer, 0, n);
            length += n;
            shift(tail, buffer, n);
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
        }
        return new Received(length, digest.digest());
    }

    private static boolean endsWithTerminator(byte[] tail) {
        return tail[0] == '\r' && tail[1] == '\n' && tail[2] == '.' && tail[3] == '\r' && tail[4] == '\n';
    }

    private static void shift(byte[] tail, byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(tail, 1, tail, 0, tail.length - 1);
            tail[tail.length - 1] = buffer[i];
        }
    }
}
