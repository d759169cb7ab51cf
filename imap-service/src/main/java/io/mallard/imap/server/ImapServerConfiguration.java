package io.mallard.imap.server;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mallard.imap.command.CommandRegistry;
import io.mallard.imap.session.ImapMetrics;
import io.mallard.imap.session.ImapReplies;
import io.mallard.imap.session.ImapServices;
import io.mallard.imap.session.ImapSession;
import io.mallard.imap.session.ImapSettings;
import io.mallard.model.config.MallardProperties;
import io.mallard.model.journal.ChangeNotifier;
import io.mallard.model.mail.MessageAppender;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.MailStorage;
import io.mallard.model.ratelimit.ConnectionSlots;
import io.mallard.model.store.RedisStore;
import io.mallard.model.user.CredentialCheck;
import io.mallard.model.user.UserStore;
import io.mallard.protocol.codec.FrameLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mallard.protocol.codec.ImapLiteralDetector;
import io.mallard.protocol.hook.ConnectionHooks;
import io.mallard.protocol.server.ProtocolListeners;
import io.mallard.protocol.tls.CertificateSource;

/** The Imap listeners, open from context start to context close. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ImapListenerProperties.class, ImapProperties.class})
class ImapServerConfiguration {

    /** How long the connection slots of a crashed instance keep counting against their users. */
    private static final Duration CONNECTION_LEASE = Duration.ofMinutes(1);

    @Bean(initMethod = "start", destroyMethod = "close")
    ProtocolListeners imapListeners(ImapListenerProperties listen, ImapProperties imap, MallardProperties mallard,
            ObjectProvider<ConnectionHooks> hooks, MailStorage storage, MessageAppender appender,
            MessageContent content, ChangeNotifier notifier, CredentialCheck credentials,
            UserStore users, RedisStore redis, Clock clock, ObjectProvider<MeterRegistry> meters) {
        ImapReplies replies = new ImapReplies(mallard.hostname());
        ImapServices services = new ImapServices(storage, appender, content, notifier, credentials, users,
                new ConnectionSlots(redis.commands(), "imap", CONNECTION_LEASE, clock),
                new ImapSettings(mallard.hostname(), imap.allowPlaintextLogin(), imap.appendLimit(),
                        imap.maxBadCommands(), imap.idleTimeout(), imap.idleCommandTimeout(),
                        imap.maxConnectionsPerUser()));
        CommandRegistry registry = new CommandRegistry();
        ImapMetrics metrics = new ImapMetrics(meters.getIfAvailable(SimpleMeterRegistry::new));
        CertificateSource certificates = new CertificateSource(mallard.tls().certPath(), mallard.tls().keyPath(),
                mallard.data().path().resolve("tls"), mallard.hostname());
        return listen.listener().listeners("imap", certificates.settings(),
                hooks.getIfAvailable(() -> ConnectionHooks.ACCEPT_ALL), replies,
                builder -> builder.literals(new ImapLiteralDetector())
                        .frameLimits(new FrameLimits(listen.maxLineLength(), imap.appendLimit(), 64 * 1024)),
                info -> new ImapSession(services, registry, metrics));
    }
}
