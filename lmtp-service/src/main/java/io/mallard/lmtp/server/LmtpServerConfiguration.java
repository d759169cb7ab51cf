package io.mallard.lmtp.server;

import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mallard.lmtp.autoreply.Autoresponder;
import io.mallard.lmtp.command.CommandRegistry;
import io.mallard.lmtp.command.LmtpSettings;
import io.mallard.lmtp.delivery.DeliveryMetrics;
import io.mallard.lmtp.delivery.DuplicateGuard;
import io.mallard.lmtp.delivery.MessageDelivery;
import io.mallard.lmtp.delivery.SpamVerdict;
import io.mallard.lmtp.delivery.TraceHeaders;
import io.mallard.lmtp.delivery.UserDelivery;
import io.mallard.lmtp.filter.WebhookPoster;
import io.mallard.lmtp.outbound.ForwardLimit;
import io.mallard.lmtp.outbound.OutboundWorker;
import io.mallard.lmtp.outbound.SmtpRelay;
import io.mallard.lmtp.session.LmtpReplies;
import io.mallard.lmtp.session.LmtpSession;
import io.mallard.model.address.AddressResolver;
import io.mallard.model.address.AddressStore;
import io.mallard.model.autoreply.AutoreplyStore;
import io.mallard.model.config.MallardProperties;
import io.mallard.model.filter.FilterStore;
import io.mallard.model.ingest.MessageParser;
import io.mallard.model.mail.MessageAppender;
import io.mallard.model.message.MailStorage;
import io.mallard.model.outbound.OutboundQueue;
import io.mallard.model.store.MongoStore;
import io.mallard.model.store.RedisStore;
import io.mallard.model.user.UserStore;
import io.mallard.protocol.hook.ConnectionHooks;
import io.mallard.protocol.server.ProtocolListeners;
import io.mallard.protocol.tls.CertificateSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The Lmtp listeners, open from context start to context close, and the delivery behind them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LmtpListenerProperties.class, LmtpDeliveryProperties.class,
        OutboundRelayProperties.class})
class LmtpServerConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty("mallard.relay.host")
    OutboundWorker outboundWorker(OutboundRelayProperties relay, MallardProperties mallard, OutboundQueue queue,
            Clock clock) {
        return new OutboundWorker(queue, new SmtpRelay(relay.host(), relay.port(), mallard.hostname(),
                        Duration.ofSeconds(60)), clock,
                relay.poll(), relay.firstRetry());
    }

    @Bean
    DeliveryMetrics lmtpDeliveryMetrics(ObjectProvider<MeterRegistry> registry) {
        return new DeliveryMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    Autoresponder autoresponder(LmtpDeliveryProperties delivery, MallardProperties mallard, AutoreplyStore autoreplies,
            AddressStore addresses, RedisStore redis, OutboundQueue outbound) {
        return new Autoresponder(autoreplies, addresses, redis, outbound, mallard.hostname(), delivery.autoreplyInterval());
    }

    @Bean
    MessageDelivery messageDelivery(LmtpDeliveryProperties delivery, MallardProperties mallard, UserStore users,
            MailStorage storage, MessageAppender appender, MongoStore mongo, OutboundQueue outbound,
            FilterStore filters, Autoresponder autoresponder, RedisStore redis, Clock clock, DeliveryMetrics metrics) {
        ForwardLimit forwardLimit = new ForwardLimit(redis, clock, delivery.forwardsPerDay());
        WebhookPoster webhooks = new WebhookPoster(Duration.ofSeconds(10));
        UserDelivery userDelivery = new UserDelivery(storage.mailboxes(), appender,
                new DuplicateGuard(mongo.database(), delivery.duplicateWindow()),
                new SpamVerdict(delivery.spamHeader(), delivery.spamScoreHeader()), filters, new MessageParser(), outbound,
                webhooks, autoresponder, forwardLimit);
        return new MessageDelivery(users, userDelivery, new TraceHeaders(mallard.hostname()), outbound,
                forwardLimit, webhooks, metrics);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    ProtocolListeners lmtpListeners(LmtpListenerProperties listen, LmtpDeliveryProperties delivery,
            MallardProperties mallard, ObjectProvider<ConnectionHooks> hooks, AddressResolver resolver,
            MessageDelivery messageDelivery, DeliveryMetrics metrics, Clock clock) {
        LmtpReplies replies = new LmtpReplies(mallard.hostname());
        LmtpSettings settings = new LmtpSettings(mallard.hostname(), delivery.maxMessageSize(), delivery.maxRecipients());
        CommandRegistry commands = new CommandRegistry(resolver, messageDelivery, metrics, clock);
        CertificateSource certificates = new CertificateSource(mallard.tls().certPath(), mallard.tls().keyPath(),
                mallard.data().path().resolve("tls"), mallard.hostname());
        return listen.listener().listeners("lmtp", certificates.settings(),
                hooks.getIfAvailable(() -> ConnectionHooks.ACCEPT_ALL), replies,
                UnaryOperator.identity(),
                info -> new LmtpSession(commands, settings));
    }
}
