package io.mallard.lmtp.server;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mallard.lmtp.session.LmtpReplies;
import io.mallard.lmtp.session.LmtpSession;
import io.mallard.model.config.MallardProperties;
import io.mallard.protocol.codec.LiteralDetector;
import io.mallard.protocol.hook.ConnectionHooks;
import io.mallard.protocol.limit.ConnectionLimiter;
import io.mallard.protocol.server.ProtocolListeners;
import io.mallard.protocol.server.ServerConfig;
import io.mallard.protocol.tls.CertificateSource;

/** The Lmtp listeners, open from context start to context close. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LmtpListenerProperties.class)
class LmtpServerConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    ProtocolListeners lmtpListeners(LmtpListenerProperties listen, MallardProperties mallard,
            ObjectProvider<ConnectionHooks> hooks) {
        ConnectionLimiter limiter = new ConnectionLimiter(listen.maxConnectionsPerIp());
        LmtpReplies replies = new LmtpReplies(mallard.hostname());
        CertificateSource certificates = new CertificateSource(mallard.tls().certPath(), mallard.tls().keyPath(),
                mallard.data().path().resolve("tls"), mallard.hostname());
        return ProtocolListeners.plainAndImplicitTls(() -> ServerConfig.builder("lmtp")
                        .host(listen.address())
                        .proxyProtocol(listen.proxyProtocol())
                        .limiter(limiter)
                        .literals(LiteralDetector.NONE)
                        .idleTimeout(listen.idleTimeout())
                        .hooks(hooks.getIfAvailable(() -> ConnectionHooks.ACCEPT_ALL))
                        .replies(replies)
                        .sessions(info -> new LmtpSession(replies)),
                certificates.settings(), listen.port(), listen.tlsPort(), Duration.ofSeconds(10));
    }
}
