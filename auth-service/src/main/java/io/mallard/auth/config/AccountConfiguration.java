package io.mallard.auth.config;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mallard.model.address.AddressResolver;
import io.mallard.model.address.AddressStore;
import io.mallard.model.address.DomainAliasStore;
import io.mallard.model.authlog.AuthLog;
import io.mallard.model.store.MongoStore;
import io.mallard.model.user.AppPasswordStore;
import io.mallard.model.user.CredentialCheck;
import io.mallard.model.user.PasswordHasher;
import io.mallard.model.user.UserStore;

/**
 * The account stores a login check needs. Each backs off when the parent context (the
 * standalone JVM's shared configuration) already holds one, so there is one of each per JVM.
 */
@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    PasswordHasher passwordHasher() {
        return new PasswordHasher();
    }

    @Bean
    @ConditionalOnMissingBean
    AddressStore addressStore(MongoStore mongo, Clock clock) {
        return new AddressStore(mongo.database(), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    DomainAliasStore domainAliasStore(MongoStore mongo, Clock clock) {
        return new DomainAliasStore(mongo.database(), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    AppPasswordStore appPasswordStore(MongoStore mongo, PasswordHasher hasher, Clock clock) {
        return new AppPasswordStore(mongo.database(), hasher, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    UserStore userStore(MongoStore mongo, PasswordHasher hasher, AddressStore addresses, AppPasswordStore appPasswords,
            Clock clock) {
        return new UserStore(mongo.database(), hasher, addresses, appPasswords, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    AddressResolver addressResolver(AddressStore addresses, DomainAliasStore aliases, UserStore users) {
        return new AddressResolver(addresses, aliases, users);
    }

    @Bean
    @ConditionalOnMissingBean
    AuthLog authLog(MongoStore mongo, Clock clock) {
        return new AuthLog(mongo.database(), AuthLog.DEFAULT_RETENTION, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    CredentialCheck credentialCheck(UserStore users, AddressResolver resolver, AppPasswordStore appPasswords,
            PasswordHasher hasher, AuthLog log) {
        return new CredentialCheck(users, resolver, appPasswords, hasher, log);
    }
}
