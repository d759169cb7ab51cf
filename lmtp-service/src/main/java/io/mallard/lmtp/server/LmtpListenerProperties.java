package io.mallard.lmtp.server;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.mallard.protocol.server.ListenerSettings;

/**
 * Where the Lmtp service listens ({@code mallard.lmtp.*}, e.g. {@code MALLARD_LMTP_PORT}).
 *
 * @param address listening address; loopback unless configured
 * @param port plain port, with STARTTLS
 * @param tlsPort implicit-TLS port, or {@code null} for none
 * @param idleTimeout how long a connection may stay silent
 * @param maxConnectionsPerIp concurrent connections one client address may hold
 * @param proxyProtocol expect a PROXY protocol header from a load balancer
 */
@ConfigurationProperties("mallard.lmtp")
public record LmtpListenerProperties(String address, Integer port, Integer tlsPort, Duration idleTimeout,
        Integer maxConnectionsPerIp, boolean proxyProtocol) {

    public LmtpListenerProperties {
        address = address == null ? "127.0.0.1" : address;
        port = port == null ? 2424 : port;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(5) : idleTimeout;
        maxConnectionsPerIp = maxConnectionsPerIp == null ? 50 : maxConnectionsPerIp;
    }

    /** The part every protocol's listeners share. */
    public ListenerSettings listener() {
        return new ListenerSettings(address, port, tlsPort, idleTimeout, maxConnectionsPerIp, proxyProtocol);
    }
}
