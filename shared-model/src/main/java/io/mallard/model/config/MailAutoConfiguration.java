package io.mallard.model.config;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.mallard.model.address.AddressStore;
import io.mallard.model.autoreply.AutoreplyStore;
import io.mallard.model.filter.FilterStore;
import io.mallard.model.ingest.MessageParser;
import io.mallard.model.ingest.content.AttachmentStore;
import io.mallard.model.ingest.content.MessageContentStore;
import io.mallard.model.journal.ChangeNotifier;
import io.mallard.model.mail.ContentCache;
import io.mallard.model.mail.DeletedUserSweeper;
import io.mallard.model.lease.Lease;
import io.mallard.model.mail.MessageAppender;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.mail.UserProvisioning;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.MessageSearch;
import io.mallard.model.outbound.OutboundQueue;
import io.mallard.model.outbound.OutboundWorker;
import io.mallard.model.outbound.SmtpRelay;
import io.mallard.model.storage.UserFileStore;
import io.mallard.model.store.CollectionSet;
import io.mallard.model.store.IndexedCollection;
import io.mallard.model.store.MongoStore;
import io.mallard.model.store.RedisStore;
import io.mallard.model.store.Stores;
import io.mallard.model.user.DeletedUserStore;
import io.mallard.model.user.UserOwned;
import io.mallard.model.user.UserStore;
import io.mallard.model.webhook.WebhookQueue;
import io.mallard.model.webhook.WebhookStore;

/**
 * Mailboxes, messages, their content and change notification for every service; one instance
 * per process (one Redis subscription serves all sessions), shared through the parent context in
 * standalone.
 */
@AutoConfiguration(after = {StoreAutoConfiguration.class, AccountAutoConfiguration.class})
@EnableConfigurationProperties({OutboundRelayProperties.class, ContentCacheProperties.class})
public class MailAutoConfiguration {

    private static final Duration RELAY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PURGE_INTERVAL = Duration.ofSeconds(60);

    @Bean
    CollectionSet mailCollections() {
        List<IndexedCollection> collections = new ArrayList<>(MailStorage.COLLECTIONS);
        collections.addAll(MessageContentStore.collections());
        collections.addAll(List.of(OutboundQueue.COLLECTION, FilterStore.COLLECTION, AutoreplyStore.COLLECTION));
        collections.addAll(UserFileStore.COLLECTIONS);
        collections.addAll(List.of(WebhookStore.COLLECTION, WebhookQueue.COLLECTION, Lease.COLLECTION));
        return new CollectionSet("mail", collections);
    }

    @Bean
    @ConditionalOnMissingBean
    MessageContentStore messageContentStore(MongoStore mongo) {
        return new MessageContentStore(new AttachmentStore(mongo.database()));
    }

    /**
     * One per process, so every session and service reading a message shares its bytes; a
     * {@code MeterBinder}, bound to the application's meter registry where there is one.
     */
    @Bean
    @ConditionalOnMissingBean
    ContentCache contentCache(ContentCacheProperties properties) {
        return new ContentCache(properties.cacheSize().toBytes());
    }

    @Bean
    @ConditionalOnMissingBean
    MessageContent messageContent(MessageContentStore store, ContentCache cache) {
        return new MessageContent(store, cache);
    }

    @Bean
    @ConditionalOnMissingBean
    MailStorage mailStorage(Stores stores, MessageContent content) {
        return MailStorage.over(stores, content);
    }

    @Bean
    @ConditionalOnMissingBean
    MessageAppender messageAppender(MessageContentStore store, MailStorage storage) {
        return new MessageAppender(new MessageParser(), store, storage.messages());
    }

    @Bean
    @ConditionalOnMissingBean
    UserProvisioning userProvisioning(UserStore users, MailStorage storage) {
        return new UserProvisioning(users, storage.mailboxes());
    }

    @Bean
    @ConditionalOnMissingBean
    MessageSearch messageSearch(MongoStore mongo) {
        return new MessageSearch(mongo.database());
    }

    /** The user's rules for incoming mail: applied by LMTP, managed through the API. */
    @Bean
    @ConditionalOnMissingBean
    FilterStore filterStore(MongoStore mongo, Clock clock) {
        return new FilterStore(mongo.database(), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    AutoreplyStore autoreplyStore(MongoStore mongo) {
        return new AutoreplyStore(mongo.database());
    }

    /** Users' uploaded files, counted in the same quota as their messages. */
    @Bean
    @ConditionalOnMissingBean
    UserFileStore userFileStore(MongoStore mongo, MailStorage storage) {
        return new UserFileStore(mongo.database(), storage.quota());
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookStore webhookStore(MongoStore mongo, Clock clock) {
        return new WebhookStore(mongo.database(), clock);
    }

    /** Events for webhooks wait here until the one worker that holds the lease posts them. */
    @Bean
    @ConditionalOnMissingBean
    WebhookQueue webhookQueue(MongoStore mongo, WebhookStore webhooks, Clock clock) {
        return new WebhookQueue(mongo.database(), webhooks, clock);
    }

    /** Forwards, autoreplies and submitted mail wait here until a relay takes them. */
    @Bean
    @ConditionalOnMissingBean
    OutboundQueue outboundQueue(MongoStore mongo, Clock clock) {
        return new OutboundQueue(mongo.database(), clock);
    }

    /**
     * Drains the outbound queue into the relay. Any service that may queue mail runs one when a
     * relay is configured (claims keep instances from sending a row twice); in standalone the
     * parent's single worker serves every service.
     */
    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty("mallard.relay.host")
    @ConditionalOnMissingBean
    OutboundWorker outboundWorker(OutboundRelayProperties relay, MallardProperties mallard, OutboundQueue queue,
            Clock clock) {
        return new OutboundWorker(queue, new SmtpRelay(relay.host(), relay.port(), mallard.hostname(), RELAY_TIMEOUT),
                clock, relay.poll(), relay.firstRetry());
    }

    /** Purges deleted users once their grace period is over, on every instance (claims keep them apart). */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DeletedUserSweeper deletedUserSweeper(DeletedUserStore deleted, MailStorage storage, AddressStore addresses,
            ObjectProvider<UserOwned> owned) {
        DeletedUserSweeper sweeper = new DeletedUserSweeper(deleted, storage, addresses, owned.orderedStream().toList());
        sweeper.start(PURGE_INTERVAL);
        return sweeper;
    }

    @Bean
    @ConditionalOnMissingBean
    ChangeNotifier changeNotifier(RedisStore redis, MailStorage storage) {
        return new ChangeNotifier(redis, storage.journal());
    }
}
