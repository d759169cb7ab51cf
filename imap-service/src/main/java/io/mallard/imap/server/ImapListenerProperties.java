package io.mallard.imap.server;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.mallard.protocol.server.ListenerSettings;

/**
 * Where the Imap service listens ({@code mallard.imap.*}, e.g. {@code MALLARD_IMAP_PORT}).
 *
 * @param address listening address; loopback unless configured
 * @param port plain port, with STARTTLS
 * @param tlsPort implicit-TLS port, or {@code null} for none
 * @param idleTimeout how long a connection may stay silent
 * @param maxConnectionsPerIp concurrent connections one client address may hold
 * @param proxyProtocol expect a PROXY protocol header from a load balancer
 * @param allowPlaintextLogin accept LOGIN/AUTHENTICATE without TLS (default false: LOGINDISABLED)
 * @param appendLimit largest message APPEND accepts (RFC 7889), default 64 MiB
 * @param maxLineLength longest command line, literals excluded
 * @param maxBadCommands consecutive invalid commands before BYE
 */
@ConfigurationProperties("mallard.imap")
public record ImapListenerProperties(String address, Integer port, Integer tlsPort, Duration idleTimeout,
        Integer maxConnectionsPerIp, boolean proxyProtocol, boolean allowPlaintextLogin, Long appendLimit,
        Integer maxLineLength, Integer maxBadCommands) {

    public ImapListenerProperties {
        address = address == null ? "127.0.0.1" : address;
        port = port == null ? 1143 : port;
        tlsPort = tlsPort == null ? 1993 : tlsPort;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
        maxConnectionsPerIp = maxConnectionsPerIp == null ? 50 : maxConnectionsPerIp;
        appendLimit = appendLimit == null ? 64L * 1024 * 1024 : appendLimit;
        maxLineLength = maxLineLength == null ? 8192 : maxLineLength;
        maxBadCommands = maxBadCommands == null ? 20 : maxBadCommands;
    }

    /** The part every protocol's listeners share. */
    public ListenerSettings listener() {
        return new ListenerSettings(address, port, tlsPort, idleTimeout, maxConnectionsPerIp, proxyProtocol);
    }
}
