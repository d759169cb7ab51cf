package io.mallard.imap.server;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.mallard.protocol.server.ListenerSettings;

/**
 * Where the Imap service listens ({@code mallard.imap.*}, e.g. {@code MALLARD_IMAP_PORT}); how its
 * sessions behave is {@link ImapProperties}.
 *
 * @param address listening address; loopback unless configured
 * @param port plain port, with STARTTLS
 * @param tlsPort implicit-TLS port, or {@code null} for none
 * @param loginTimeout how long a connection may stay silent before it has logged in
 * @param maxConnectionsPerIp concurrent connections one client address may hold
 * @param proxyProtocol expect a PROXY protocol header from a load balancer
 * @param maxLineLength longest command line, literals excluded
 */
@ConfigurationProperties("mallard.imap")
public record ImapListenerProperties(String address, Integer port, Integer tlsPort, Duration loginTimeout,
        Integer maxConnectionsPerIp, boolean proxyProtocol, Integer maxLineLength) {

    public ImapListenerProperties {
        address = address == null ? "127.0.0.1" : address;
        port = port == null ? 1143 : port;
        tlsPort = tlsPort == null ? 1993 : tlsPort;
        loginTimeout = loginTimeout == null ? Duration.ofSeconds(60) : loginTimeout;
        maxConnectionsPerIp = maxConnectionsPerIp == null ? 50 : maxConnectionsPerIp;
        maxLineLength = maxLineLength == null ? 8192 : maxLineLength;
    }

    /** The part every protocol's listeners share; a connection starts with the login timeout. */
    public ListenerSettings listener() {
        return new ListenerSettings(address, port, tlsPort, loginTimeout, maxConnectionsPerIp, proxyProtocol);
    }
}
