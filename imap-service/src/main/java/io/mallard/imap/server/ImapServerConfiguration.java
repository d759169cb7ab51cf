package io.mallard.imap.server;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mallard.imap.session.ImapReplies;
import io.mallard.imap.session.ImapSession;
import io.mallard.model.config.MallardProperties;
import io.mallard.protocol.codec.ImapLiteralDetector;
import io.mallard.protocol.hook.ConnectionHooks;
import io.mallard.protocol.limit.ConnectionLimiter;
import io.mallard.protocol.server.ProtocolListeners;
import io.mallard.protocol.server.ServerConfig;
import io.mallard.protocol.tls.CertificateSource;

/** The Imap listeners, open from context start to context close. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImapListenerProperties.class)
class ImapServerConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    ProtocolListeners imapListeners(ImapListenerProperties listen, MallardProperties mallard,
            ObjectProvider<ConnectionHooks> hooks) {
        ConnectionLimiter limiter = new ConnectionLimiter(listen.maxConnectionsPerIp());
        ImapReplies replies = new ImapReplies(mallard.hostname());
        CertificateSource certificates = new CertificateSource(mallard.tls().certPath(), mallard.tls().keyPath(),
                mallard.data().path().resolve("tls"), mallard.hostname());
        return ProtocolListeners.plainAndImplicitTls(() -> ServerConfig.builder("imap")
                        .host(listen.address())
                        .proxyProtocol(listen.proxyProtocol())
                        .limiter(limiter)
                        .literals(new ImapLiteralDetector())
                        .idleTimeout(listen.idleTimeout())
                        .hooks(hooks.getIfAvailable(() -> ConnectionHooks.ACCEPT_ALL))
                        .replies(replies)
                        .sessions(info -> new ImapSession(replies)),
                certificates.settings(), listen.port(), listen.tlsPort(), Duration.ofSeconds(10));
    }
}
