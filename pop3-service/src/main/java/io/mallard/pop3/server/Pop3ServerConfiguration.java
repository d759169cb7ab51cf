package io.mallard.pop3.server;

import java.util.function.UnaryOperator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mallard.model.config.MallardProperties;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.MailStorage;
import io.mallard.model.store.RedisStore;
import io.mallard.model.user.CredentialCheck;
import io.mallard.pop3.auth.Login;
import io.mallard.pop3.command.Pop3Commands;
import io.mallard.pop3.maildrop.MaildropLoader;
import io.mallard.pop3.maildrop.MaildropLock;
import io.mallard.pop3.maildrop.MaildropUpdate;
import io.mallard.pop3.metrics.Pop3Metrics;
import io.mallard.pop3.session.Pop3Replies;
import io.mallard.pop3.session.Pop3Session;
import io.mallard.protocol.hook.ConnectionHooks;
import io.mallard.protocol.sasl.SaslMechanisms;
import io.mallard.protocol.server.ProtocolListeners;
import io.mallard.protocol.tls.CertificateSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The Pop3 listeners, open from context start to context close. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({Pop3ListenerProperties.class, Pop3Properties.class})
class Pop3ServerConfiguration {

    /** Registered with the application's meter registry (actuator), or counted unexported without one. */
    @Bean
    Pop3Metrics pop3Metrics(ObjectProvider<MeterRegistry> registry) {
        return new Pop3Metrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    Pop3Commands pop3Commands(Pop3ListenerProperties listen, Pop3Properties pop3, MallardProperties mallard,
            CredentialCheck credentials, RedisStore redis, MailStorage storage,
            MessageContent content, Pop3Metrics metrics) {
        MaildropLock lock = new MaildropLock(redis, listen.idleTimeout().plus(pop3.lockMargin()));
        Login login = new Login(credentials, lock,
                new MaildropLoader(storage, pop3.maxMessages(), pop3.maildropCacheBytes()));
        return new Pop3Commands(login, new SaslMechanisms(SaslMechanisms.DEFAULT_MAX_LENGTH), storage, content,
                new MaildropUpdate(storage, pop3.deleteMode()), metrics, mallard.hostname());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    ProtocolListeners pop3Listeners(Pop3ListenerProperties listen, Pop3Properties pop3, MallardProperties mallard,
            Pop3Commands commands, Pop3Metrics metrics, ObjectProvider<ConnectionHooks> hooks) {
        Pop3Replies replies = new Pop3Replies(mallard.hostname());
        CertificateSource certificates = new CertificateSource(mallard.tls().certPath(), mallard.tls().keyPath(),
                mallard.data().path().resolve("tls"), mallard.hostname());
        return listen.listener().listeners("pop3", certificates.settings(),
                hooks.getIfAvailable(() -> ConnectionHooks.ACCEPT_ALL), replies,
                UnaryOperator.identity(),
                info -> new Pop3Session(commands, metrics, pop3.allowPlaintextLogin()));
    }
}
