package io.mallard.auth.config;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mallard.model.access.AccessTokens;
import io.mallard.model.access.RolePermissions;
import io.mallard.model.access.RootToken;
import io.mallard.model.config.MallardProperties;
import io.mallard.model.ratelimit.AuthFailureCounter;
import io.mallard.model.store.MongoStore;
import io.mallard.model.store.RedisStore;

/** Tokens, roles and brute-force counters; backs off to the parent context's beans when it has them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class AccessConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RolePermissions rolePermissions(AuthProperties properties) {
        String file = properties.rolesFile();
        return file == null || file.isBlank() ? RolePermissions.defaults() : RolePermissions.load(Path.of(file));
    }

    @Bean
    @ConditionalOnMissingBean
    RootToken rootToken(MongoStore mongo, MallardProperties mallard, Clock clock) {
        return new RootToken(mongo.database(), mallard.root().token(), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    AccessTokens accessTokens(RedisStore redis, RootToken root, AuthProperties properties, Clock clock) {
        return new AccessTokens(redis.commands(), root, properties.lifetime(), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    AuthFailureCounter authFailureCounter(RedisStore redis, AuthProperties properties, Clock clock) {
        return new AuthFailureCounter(redis.commands(), properties.failureLimits(), clock);
    }
}
