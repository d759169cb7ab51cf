package io.mallard.protocol.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A blocking test client speaking lines over a real socket, optionally upgraded to TLS. */
final class LineClient implements AutoCloseable {

    private final InetSocketAddress address;
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    LineClient(InetSocketAddress address) {
        this.address = address;
        try {
            use(new Socket(address.getAddress(), address.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects over TLS from the first byte, asking for {@code sniName} when not null. */
    static LineClient tls(InetSocketAddress address, String sniName) {
        LineClient client = new LineClient(address);
        client.startTls(sniName);
        return client;
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** Sends raw text in one write, i.e. usually one TCP segment. */
    LineClient send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    LineClient send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the server closed the connection within the socket timeout. */
    boolean closedByServer() {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Wraps the socket in TLS and handshakes, trusting any certificate. */
    void startTls(String sniName) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            SSLSocket tls = (SSLSocket) context.getSocketFactory()
                    .createSocket(socket, address.getHostString(), address.getPort(), true);
            if (sniName != null) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(sniName)));
                tls.setSSLParameters(parameters);
            }
            tls.startHandshake();
            use(tls);
        } catch (Exception e) {
            throw new IllegalStateException("TLS handshake failed", e);
        }
    }

    /** The subject of the server's certificate, e.g. {@code CN=mail.example.com}. */
    String peerSubject() {
        try {
            X509Certificate certificate = (X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0];
            return certificate.getSubjectX500Principal().getName();
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
