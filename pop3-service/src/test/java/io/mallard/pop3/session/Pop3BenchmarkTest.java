package io.mallard.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.mallard.model.user.User;
import io.mallard.pop3.support.Pop3TestServer;

/**
 * Side by side with Dovecot's POP3 on loopback (issue #7): one session doing STAT, UIDL and RETR
 * of every message, 1,000 of them, timed on both servers with the same client and the same bytes
 * (the messages are read from Dovecot, then stored in Mallard). Runs only when
 * {@code -Dpop3.bench.dovecot=host:port:user:password} names a running Dovecot; see
 * {@code pop3-service/bench/dovecot-bench.sh}.
 */
@EnabledIfSystemProperty(named = "pop3.bench.dovecot", matches = ".+")
@Timeout(600)
class Pop3BenchmarkTest {

    private static final int ROUNDS = 7;

    @Test
    void statUidlRetrAllAgainstDovecot() throws Exception {
        String[] dovecot = System.getProperty("pop3.bench.dovecot").split(":");
        InetSocketAddress dovecotAddress = new InetSocketAddress(dovecot[0], Integer.parseInt(dovecot[1]));
        List<byte[]> messages = session(dovecotAddress, dovecot[2], dovecot[3]).messages();
        assertThat(messages).as("messages in the Dovecot maildrop").hasSizeGreaterThanOrEqualTo(1000);
        Pop3TestServer mallard = Pop3TestServer.start("mallard.pop3.allow-plaintext-login=true",
                "mallard.pop3.max-messages=" + messages.size(), "mallard.pop3.idle-timeout=60s");
        try {
            User user = mallard.newUser("bench");
            messages.forEach(raw -> mallard.append(user.id(), raw));
            long octets = messages.stream().mapToLong(raw -> raw.length).sum();
            long bestDovecot = Long.MAX_VALUE;
            long bestMallard = Long.MAX_VALUE;
            for (int round = 0; round < ROUNDS; round++) {
                bestDovecot = Math.min(bestDovecot, session(dovecotAddress, dovecot[2], dovecot[3]).nanos());
                Result result = session(mallard.plain(), user.username(), Pop3TestServer.PASSWORD);
                assertThat(result.messages()).containsExactlyElementsOf(messages);
                bestMallard = Math.min(bestMallard, result.nanos());
            }
            System.out.printf("POP3 bench: %d messages, %d octets; Dovecot %.0f ms, Mallard %.0f ms; "
                            + "throughput ratio Mallard/Dovecot %.2f%n", messages.size(), octets, bestDovecot / 1e6,
                    bestMallard / 1e6, (double) bestDovecot / bestMallard);
        } finally {
            mallard.close();
        }
    }

    private record Result(List<byte[]> messages, long nanos) {
    }

    /** USER/PASS, STAT, UIDL, RETR 1..n, QUIT; times everything after the login. */
    private static Result session(InetSocketAddress address, String user, String password) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(30_000);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            ok(line(in));
            ok(command(in, out, "USER " + user));
            ok(command(in, out, "PASS " + password));
            long start = System.nanoTime();
            int count = Integer.parseInt(ok(command(in, out, "STAT")).split(" ")[1]);
            ok(command(in, out, "UIDL"));
            multiline(in);
            List<byte[]> messages = new ArrayList<>(count);
            for (int number = 1; number <= count; number++) {
                ok(command(in, out, "RETR " + number));
                messages.add(multiline(in));
            }
            long nanos = System.nanoTime() - start;
            command(in, out, "QUIT");
            return new Result(messages, nanos);
        }
    }

    private static String command(InputStream in, OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return line(in);
    }

    private static String ok(String line) {
        assertThat(line).startsWith("+OK");
        return line;
    }

    private static String line(InputStream in) throws IOException {
        return new String(rawLine(in), StandardCharsets.US_ASCII).stripTrailing();
    }

    /** One line with its CRLF. */
    private static byte[] rawLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toByteArray();
    }

    /** A multi-line body with the stuffing undone and the terminator dropped. */
    private static byte[] multiline(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        while (true) {
            byte[] line = rawLine(in);
            if (line.length == 0 || line.length == 3 && line[0] == '.' && line[1] == '\r') {
                return body.toByteArray();
            }
            int skip = line[0] == '.' ? 1 : 0;
            body.write(line, skip, line.length - skip);
        }
    }
}
