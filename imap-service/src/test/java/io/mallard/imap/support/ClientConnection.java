package io.mallard.imap.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client connection for tests that interleave several sessions: {@link #send} is a {@code C:}
 * line, {@link #expect} an {@code S:} line (a regex the whole line must match), {@link #skipTo} an
 * {@code S~} line, as in {@link Transcript}.
 */
public final class ClientConnection implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private ClientConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /** Connects and logs in. */
    public static ClientConnection login(int port, String user) throws IOException {
        ClientConnection connection = new ClientConnection(new Socket("127.0.0.1", port));
        connection.expect("\\* OK .*");
        connection.send("l1 LOGIN " + user + " \"" + TestServer.PASSWORD + "\"");
        connection.skipTo("l1 OK .*");
        return connection;
    }

    public void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line, which must match; returns the matcher for its groups. */
    public Matcher expect(String regex) throws IOException {
        String line = in.readLine();
        Matcher matcher = Pattern.compile(regex).matcher(line == null ? "" : line);
        assertThat(line).as("expected %s", regex).isNotNull().matches(Pattern.compile(regex));
        matcher.matches();
        return matcher;
    }

    /** Skips lines up to the first that matches. */
    public Matcher skipTo(String regex) throws IOException {
        Pattern pattern = Pattern.compile(regex);
        for (String line; (line = in.readLine()) != null;) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.matches()) {
                return matcher;
            }
        }
        throw new AssertionError("connection closed before " + regex);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
