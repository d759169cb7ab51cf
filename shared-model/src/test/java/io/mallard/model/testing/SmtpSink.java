package io.mallard.model.testing;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server standing in for the relay: records each accepted message with its envelope.
 * The first {@code failures} transactions are refused with 451, to exercise retries.
 */
public final class SmtpSink implements AutoCloseable {

    /** One accepted message as the relay saw it. */
    public record Received(String from, List<String> to, String data) {
    }

    private final ServerSocket server;
    private final AtomicInteger failures;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger refused = new AtomicInteger();

    public SmtpSink(int failures) {
        this.failures = new AtomicInteger(failures);
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public BlockingQueue<Received> received() {
        return received;
    }

    public int refused() {
        return refused.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                converse(socket);
            } catch (IOException e) {
                // closed or a client gone: next connection
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 sink ready");
        String from = null;
        List<String> to = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String upper = line.toUpperCase();
            if (upper.startsWith("EHLO")) {
                reply(out, "250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
            } else if (upper.startsWith("MAIL FROM:")) {
                if (failures.getAndDecrement() > 0) {
                    refused.incrementAndGet();
                    reply(out, "451 4.3.0 try later");
                } else {
                    from = line.substring(10).replaceAll("^<|>.*$", "");
                    reply(out, "250 ok");
                }
            } else if (upper.startsWith("RCPT TO:")) {
                to.add(line.substring(8).replaceAll("^<|>.*$", ""));
                reply(out, "250 ok");
            } else if (upper.equals("DATA")) {
                reply(out, "354 go");
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                while (!(line = in.readLine()).equals(".")) {
                    data.writeBytes((line.startsWith(".") ? line.substring(1) : line).getBytes(StandardCharsets.UTF_8));
                    data.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
                }
                received.add(new Received(from, List.copyOf(to), data.toString(StandardCharsets.UTF_8)));
                to.clear();
                reply(out, "250 queued");
            } else if (upper.equals("QUIT")) {
                reply(out, "221 bye");
                return;
            } else {
                reply(out, "250 ok");
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
