package io.mallard.protocol.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.mallard.protocol.hook.ConnectionHooks;
import io.mallard.protocol.limit.ConnectionLimiter;
import io.mallard.protocol.tls.TlsSettings;

/**
 * What every protocol service's listeners are configured with ({@code mallard.imap.*},
 * {@code mallard.pop3.*}, {@code mallard.lmtp.*}), and the one way they become listeners: a plain
 * port with STARTTLS and, when {@code tlsPort} is set, an implicit-TLS port (RFC 8314 §3.3), sharing
 * one per-address limiter so that a client cannot double its share by switching port.
 *
 * @param address listening address
 * @param port plain port, with STARTTLS
 * @param tlsPort implicit-TLS port, or {@code null} for none
 * @param idleTimeout how long a connection may stay silent
 * @param maxConnectionsPerIp concurrent connections one client address may hold
 * @param proxyProtocol expect a PROXY protocol header from a load balancer
 */
public record ListenerSettings(String address, int port, Integer tlsPort, Duration idleTimeout,
        int maxConnectionsPerIp, boolean proxyProtocol) {

    /** How long a shutdown lets running commands finish before it closes what is left. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    public ListenerSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    /**
     * The listeners of one protocol.
     *
     * @param protocol name in logs and {@code ConnectionInfo}
     * @param tls certificates for STARTTLS and the implicit-TLS port
     * @param protocolOptions what the protocol sets beyond these settings (literals, frame limits)
     */
    public ProtocolListeners listeners(String protocol, TlsSettings tls, ConnectionHooks hooks, Replies replies,
            UnaryOperator<ServerConfig.Builder> protocolOptions, SessionFactory sessions) {
        ConnectionLimiter limiter = new ConnectionLimiter(maxConnectionsPerIp);
        Supplier<ServerConfig.Builder> base = () -> protocolOptions.apply(ServerConfig.builder(protocol)
                .host(address)
                .proxyProtocol(proxyProtocol)
                .limiter(limiter)
                .idleTimeout(idleTimeout)
                .hooks(hooks)
                .replies(replies)
                .sessions(sessions));
        List<ServerConfig> configs = new ArrayList<>();
        configs.add(base.get().port(port).tls(tls).build());
        if (tlsPort != null) {
            configs.add(base.get().port(tlsPort).implicitTls(tls).build());
        }
        return new ProtocolListeners(configs, SHUTDOWN_GRACE);
    }
}
