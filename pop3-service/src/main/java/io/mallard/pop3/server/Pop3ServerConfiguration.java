package io.mallard.pop3.server;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mallard.pop3.session.Pop3Replies;
import io.mallard.pop3.session.Pop3Session;
import io.mallard.model.config.MallardProperties;
import io.mallard.protocol.codec.LiteralDetector;
import io.mallard.protocol.hook.ConnectionHooks;
import io.mallard.protocol.limit.ConnectionLimiter;
import io.mallard.protocol.server.ProtocolListeners;
import io.mallard.protocol.server.ServerConfig;
import io.mallard.protocol.tls.CertificateSource;

/** The Pop3 listeners, open from context start to context close. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Pop3ListenerProperties.class)
class Pop3ServerConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    ProtocolListeners pop3Listeners(Pop3ListenerProperties listen, MallardProperties mallard,
            ObjectProvider<ConnectionHooks> hooks) {
        ConnectionLimiter limiter = new ConnectionLimiter(listen.maxConnectionsPerIp());
        Pop3Replies replies = new Pop3Replies(mallard.hostname());
        CertificateSource certificates = new CertificateSource(mallard.tls().certPath(), mallard.tls().keyPath(),
                mallard.data().path().resolve("tls"), mallard.hostname());
        return ProtocolListeners.plainAndImplicitTls(() -> ServerConfig.builder("pop3")
                        .host(listen.address())
                        .proxyProtocol(listen.proxyProtocol())
                        .limiter(limiter)
                        .literals(LiteralDetector.NONE)
                        .idleTimeout(listen.idleTimeout())
                        .hooks(hooks.getIfAvailable(() -> ConnectionHooks.ACCEPT_ALL))
                        .replies(replies)
                        .sessions(info -> new Pop3Session(replies)),
                certificates.settings(), listen.port(), listen.tlsPort(), Duration.ofSeconds(10));
    }
}
