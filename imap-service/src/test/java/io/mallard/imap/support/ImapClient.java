package io.mallard.imap.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One raw IMAP connection for tests that hold several at once or wait between lines: {@code C:}
 * is {@link #send}, {@code S:} is {@link #expect} (a regular expression matching the whole line).
 */
public final class ImapClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    public ImapClient(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        expect("\\* OK .*");
    }

    public ImapClient send(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String expect(String regex) {
        String line = readLine();
        assertThat(line).isNotNull().matches(regex);
        return line;
    }

    /** Skips lines until one matches, e.g. past SELECT's untagged data to its tagged OK. */
    public String skipTo(String regex) {
        String line;
        do {
            line = readLine();
            assertThat(line).as("connection closed before a line matching %s", regex).isNotNull();
        } while (!line.matches(regex));
        return line;
    }

    public ImapClient login(String user) {
        send("l1 LOGIN " + user + " \"" + TestServer.PASSWORD + "\"");
        skipTo("l1 OK .*");
        return this;
    }

    /** True when the server closed the connection within the socket timeout. */
    public boolean closedByServer() {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
