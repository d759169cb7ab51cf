package io.mallard.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal blocking IMAP client for load: one command at a time, answers read up to their
 * tagged line, literals counted and skipped (RFC 3501 §4.3) so that bodies are never kept.
 */
final class ImapClient implements Closeable {

    private static final int TIMEOUT_MILLIS = 60_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] line = new byte[512];
    private int tags;

    private ImapClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    /** Connects and reads the greeting, which must be {@code * OK}. */
    static ImapClient open(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            ImapClient client = new ImapClient(socket);
            String greeting = client.readLine();
            if (!greeting.startsWith("* OK")) {
                throw new IOException("greeting: " + greeting);
            }
            return client;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    ImapReply command(String command) throws IOException {
        String tag = nextTag();
        out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readReply(tag);
    }

    /** APPEND with a non-synchronizing literal (LITERAL+, RFC 7888): one round trip. */
    ImapReply append(String mailbox, byte[] message) throws IOException {
        String tag = nextTag();
        out.write((tag + " APPEND " + mailbox + " (\\Seen) {" + message.length + "+}\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(message);
        out.write('\r');
        out.write('\n');
        out.flush();
        return readReply(tag);
    }

    private String nextTag() {
        return "a" + ++tags;
    }

    private ImapReply readReply(String tag) throws IOException {
        String tagged = tag + " ";
        List<String> untagged = new ArrayList<>();
        long literalBytes = 0;
        while (true) {
            String response = readLine();
            int literal = literalLength(response);
            if (literal >= 0) {
                // A response continues after each literal it carries; keep only its text.
                StringBuilder whole = new StringBuilder(response);
                while (literal >= 0) {
                    in.skipNBytes(literal);
                    literalBytes += literal;
                    String rest = readLine();
                    whole.append(rest);
                    literal = literalLength(rest);
                }
                response = whole.toString();
            }
            if (response.startsWith(tagged)) {
                int end = response.indexOf(' ', tagged.length());
                String status = end < 0 ? response.substring(tagged.length()) : response.substring(tagged.length(), end);
                return new ImapReply(status, response, untagged, literalBytes);
            }
            if (response.startsWith("+")) {
                throw new IOException("unexpected continuation: " + response);
            }
            untagged.add(response);
        }
    }

    /** n for a line ending in {@code {n}}, else -1. */
    private static int literalLength(String text) {
        if (!text.endsWith("}")) {
            return -1;
        }
        int open = text.lastIndexOf('{');
        if (open < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(text.substring(open + 1, text.length() - 1));
        } catch (NumberFormatException notALiteral) {
            return -1;
        }
    }

    private String readLine() throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after " + new String(line, 0, length, StandardCharsets.ISO_8859_1));
            }
            if (b == '\n') {
                int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                return new String(line, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, length * 2);
            }
            line[length++] = (byte) b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
