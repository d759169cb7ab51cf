package io.mallard.model.config;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.mallard.model.address.AddressResolver;
import io.mallard.model.address.AddressStore;
import io.mallard.model.address.DomainAliasStore;
import io.mallard.model.audit.AuditLog;
import io.mallard.model.authlog.AuthLog;
import io.mallard.model.store.CollectionSet;
import io.mallard.model.store.MongoStore;
import io.mallard.model.user.AccountCollections;
import io.mallard.model.user.AppPasswordStore;
import io.mallard.model.user.DeletedUserStore;
import io.mallard.model.user.PasswordHasher;
import io.mallard.model.user.UserStore;
import io.mallard.model.user.VerifiedPasswords;

/**
 * Users and addresses for every service (the credential check, which also needs the failure
 * windows, is {@link AccessAutoConfiguration}'s). Each bean steps aside for one that
 * already exists, so the standalone JVM shares the parent's instances across its services.
 */
@AutoConfiguration(after = StoreAutoConfiguration.class)
@EnableConfigurationProperties(AccessProperties.class)
public class AccountAutoConfiguration {

    @Bean
    CollectionSet accountCollections() {
        return new CollectionSet("accounts", AccountCollections.ALL);
    }

    @Bean
    CollectionSet auditCollections() {
        return new CollectionSet("audit", List.of(AuditLog.INDEXES));
    }

    @Bean
    @ConditionalOnMissingBean
    VerifiedPasswords verifiedPasswords(AccessProperties access) {
        return access.verifiedPasswords();
    }

    @Bean
    @ConditionalOnMissingBean
    PasswordHasher passwordHasher(VerifiedPasswords verified) {
        return new PasswordHasher(verified);
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
    UserStore userStore(MongoStore mongo, PasswordHasher hasher, AddressStore addresses, Clock clock) {
        return new UserStore(mongo.database(), hasher, addresses, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    DeletedUserStore deletedUserStore(MongoStore mongo, AddressStore addresses, Clock clock) {
        return new DeletedUserStore(mongo.database(), addresses, clock);
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

    /** Administrative API writes, kept for {@code mallard.audit.retention} ({@code MALLARD_AUDIT_RETENTION}). */
    @Bean
    @ConditionalOnMissingBean
    AuditLog auditLog(MongoStore mongo, Clock clock, @Value("${mallard.audit.retention:#{null}}") Duration retention) {
        return new AuditLog(mongo.database(), retention == null ? AuditLog.DEFAULT_RETENTION : retention, clock);
    }
}
