package io.mallard.model.config;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.mallard.model.expiry.ExpirySweeper;
import io.mallard.model.store.CollectionSet;
import io.mallard.model.store.MongoStore;
import io.mallard.model.store.RedisStore;
import io.mallard.model.store.Stores;

/**
 * Stores for every service. In the standalone JVM they live in the parent context and each
 * service's child context finds them there instead of opening its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(MallardProperties.class)
public class StoreAutoConfiguration {

    /** As often as MongoDB's own TTL monitor runs. */
    private static final Duration EXPIRY_INTERVAL = Duration.ofSeconds(60);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Stores stores(MallardProperties properties) {
        return Stores.open(properties);
    }

    // Closed by Stores, in the right order, not by the context.
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    MongoStore mongoStore(Stores stores) {
        return stores.mongo();
    }

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    RedisStore redisStore(Stores stores) {
        return stores.redis();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Expires journal entries, tombstones, auth-log records and the like on every store; a real
     * MongoDB's TTL monitor does the same, and the two do not get in each other's way.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ExpirySweeper expirySweeper(MongoStore mongo, ObjectProvider<CollectionSet> sets, Clock clock) {
        ExpirySweeper sweeper = new ExpirySweeper(mongo.database(),
                sets.orderedStream().flatMap(set -> set.collections().stream()).toList(), clock);
        sweeper.start(EXPIRY_INTERVAL);
        return sweeper;
    }

    @Bean
    @ConditionalOnMissingBean
    IndexBootstrap indexBootstrap(MongoStore mongo, ObjectProvider<CollectionSet> sets) {
        return new IndexBootstrap(mongo, sets.orderedStream().toList());
    }
}
