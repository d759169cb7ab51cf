package io.mallard.protocol.hook;

import java.net.InetSocketAddress;

/**
 * Who is connecting, as the hooks, limits and logs see it.
 *
 * @param protocol      e.g. {@code imap}, {@code pop3}, {@code lmtp}
 * @param localAddress  the address the client connected to (from the PROXY header when there is one)
 * @param remoteAddress the client (from the PROXY header when there is one)
 * @param tls           whether the connection started with TLS (implicit TLS); STARTTLS comes later
 * @param sessionId     a short random id that ties log lines of one connection together
 */
public record ConnectionInfo(
        String protocol,
        InetSocketAddress localAddress,
        InetSocketAddress remoteAddress,
        boolean tls,
        String sessionId) {
}
