package io.mallard.model.config;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.mallard.model.access.AccessTokens;
import io.mallard.model.access.RolePermissions;
import io.mallard.model.access.RootToken;
import io.mallard.model.ratelimit.AuthFailureCounter;
import io.mallard.model.store.MongoStore;
import io.mallard.model.store.RedisStore;

/**
 * Tokens, roles and login-failure counters, the one shared component every service checks
 * access with; in standalone they live once in the parent (the root token caches its hash).
 */
@AutoConfiguration(after = StoreAutoConfiguration.class)
@EnableConfigurationProperties(AccessProperties.class)
public class AccessAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RolePermissions rolePermissions(AccessProperties properties) {
        return properties.roles();
    }

    @Bean
    @ConditionalOnMissingBean
    RootToken rootToken(MongoStore mongo, MallardProperties mallard, Clock clock) {
        return new RootToken(mongo.database(), mallard.root().token(), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    AccessTokens accessTokens(RedisStore redis, RootToken root, AccessProperties properties, Clock clock) {
        return new AccessTokens(redis.commands(), root, properties.lifetime(), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    AuthFailureCounter authFailureCounter(RedisStore redis, AccessProperties properties, Clock clock) {
        return new AuthFailureCounter(redis.commands(), properties.failureLimits(), clock);
    }
}
