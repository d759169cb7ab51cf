package io.mallard.model.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.mallard.model.journal.ChangeNotifier;
import io.mallard.model.message.MailStorage;
import io.mallard.model.store.CollectionSet;
import io.mallard.model.store.RedisStore;
import io.mallard.model.store.Stores;

/**
 * Mailboxes, messages and change notification for every service; one instance per process
 * (one Redis subscription serves all sessions), shared through the parent context in standalone.
 */
@AutoConfiguration(after = StoreAutoConfiguration.class)
public class MailAutoConfiguration {

    @Bean
    CollectionSet mailCollections() {
        return new CollectionSet("mail", MailStorage.COLLECTIONS);
    }

    @Bean
    @ConditionalOnMissingBean
    MailStorage mailStorage(Stores stores) {
        return MailStorage.over(stores);
    }

    @Bean
    @ConditionalOnMissingBean
    ChangeNotifier changeNotifier(RedisStore redis, MailStorage storage) {
        return new ChangeNotifier(redis, storage.journal());
    }
}
