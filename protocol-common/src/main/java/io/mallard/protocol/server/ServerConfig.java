package io.mallard.protocol.server;

import io.mallard.protocol.codec.FrameLimits;
import io.mallard.protocol.codec.LiteralDetector;
import io.mallard.protocol.hook.ConnectionHooks;
import io.mallard.protocol.limit.ConnectionLimiter;
import io.mallard.protocol.tls.TlsSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * One listener of a protocol server.
 *
 * @param protocol       name in {@code ConnectionInfo} and logs: {@code imap}, {@code pop3}, {@code lmtp}
 * @param host           address to bind
 * @param port           port to bind; 0 picks a free one
 * @param tls            certificates, for implicit TLS or STARTTLS; {@code null} offers neither
 * @param implicitTls    TLS from the first byte (IMAPS, POP3S, RFC 8314 §3.3)
 * @param proxyProtocol  expect a PROXY v1/v2 header first
 * @param limiter        per-address connection limit, shared by the listeners of one server
 * @param frameLimits    line and literal bounds
 * @param literals       IMAP literal detection, or {@link LiteralDetector#NONE}
 * @param idleTimeout    how long a connection may do nothing
 * @param hooks          connection hooks
 * @param replies        the lines the server sends itself
 * @param sessions       makes the protocol session of each accepted connection
 */
public record ServerConfig(
        String protocol,
        String host,
        int port,
        TlsSettings tls,
        boolean implicitTls,
        boolean proxyProtocol,
        ConnectionLimiter limiter,
        FrameLimits frameLimits,
        LiteralDetector literals,
        Duration idleTimeout,
        ConnectionHooks hooks,
        Replies replies,
        SessionFactory sessions) {

    public ServerConfig {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(frameLimits, "frameLimits");
        Objects.requireNonNull(literals, "literals");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(replies, "replies");
        Objects.requireNonNull(sessions, "sessions");
        if (implicitTls && tls == null) {
            throw new IllegalArgumentException("implicit TLS needs certificates");
        }
    }

    public static Builder builder(String protocol) {
        return new Builder(protocol);
    }

    /** Defaults: loopback, no TLS, no PROXY, 20 connections per address, 30 minutes idle, accept all. */
    public static final class Builder {
        private final String protocol;
        private String host = "127.0.0.1";
        private int port;
        private TlsSettings tls;
        private boolean implicitTls;
        private boolean proxyProtocol;
        private ConnectionLimiter limiter = new ConnectionLimiter(20);
        private FrameLimits frameLimits = FrameLimits.defaults();
        private LiteralDetector literals = LiteralDetector.NONE;
        private Duration idleTimeout = Duration.ofMinutes(30);
        private ConnectionHooks hooks = ConnectionHooks.ACCEPT_ALL;
        private Replies replies;
        private SessionFactory sessions;

        private Builder(String protocol) {
            this.protocol = protocol;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Certificates for STARTTLS. */
        public Builder tls(TlsSettings tls) {
            this.tls = tls;
            return this;
        }

        /** Certificates, used from the first byte. */
        public Builder implicitTls(TlsSettings tls) {
            this.tls = tls;
            this.implicitTls = true;
            return this;
        }

        public Builder proxyProtocol(boolean proxyProtocol) {
            this.proxyProtocol = proxyProtocol;
            return this;
        }

        public Builder limiter(ConnectionLimiter limiter) {
            this.limiter = limiter;
            return this;
        }

        public Builder frameLimits(FrameLimits frameLimits) {
            this.frameLimits = frameLimits;
            return this;
        }

        public Builder literals(LiteralDetector literals) {
            this.literals = literals;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder hooks(ConnectionHooks hooks) {
            this.hooks = hooks;
            return this;
        }

        public Builder replies(Replies replies) {
            this.replies = replies;
            return this;
        }

        public Builder sessions(SessionFactory sessions) {
            this.sessions = sessions;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(protocol, host, port, tls, implicitTls, proxyProtocol, limiter, frameLimits,
                    literals, idleTimeout, hooks, replies, sessions);
        }
    }
}
