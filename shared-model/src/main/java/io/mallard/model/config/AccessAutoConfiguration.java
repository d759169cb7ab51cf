package io.mallard.model.config;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.mallard.model.access.AccessTokens;
import io.mallard.model.access.RolePermissions;
import io.mallard.model.access.RootToken;
import io.mallard.model.address.AddressResolver;
import io.mallard.model.authlog.AuthLog;
import io.mallard.model.ratelimit.AuthFailureCounter;
import io.mallard.model.store.MongoStore;
import io.mallard.model.store.RedisStore;
import io.mallard.model.user.AppPasswordStore;
import io.mallard.model.user.CredentialCheck;
import io.mallard.model.user.PasswordHasher;
import io.mallard.model.user.TotpCheck;
import io.mallard.model.user.UserStore;

/**
 * Tokens, roles, login-failure counters and the credential check (passwords, application
 * passwords, TOTP), the one shared component every service checks access with; in standalone
 * they live once in the parent (the root token caches its hash).
 */
@AutoConfiguration(after = {StoreAutoConfiguration.class, AccountAutoConfiguration.class})
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

    @Bean
    @ConditionalOnMissingBean
    TotpCheck totpCheck(UserStore users, RedisStore redis, AccessProperties properties, Clock clock) {
        return new TotpCheck(users, redis.commands(), properties.totpEncryptionKey(), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    CredentialCheck credentialCheck(UserStore users, AddressResolver resolver, AppPasswordStore appPasswords,
            PasswordHasher hasher, AuthLog log, AuthFailureCounter failures, TotpCheck totp) {
        return new CredentialCheck(users, resolver, appPasswords, hasher, log, failures, totp);
    }
}
