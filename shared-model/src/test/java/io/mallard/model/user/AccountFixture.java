package io.mallard.model.user;

import java.nio.file.Path;
import java.time.Clock;

import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.address.AddressResolver;
import io.mallard.model.address.AddressStore;
import io.mallard.model.address.DomainAliasStore;
import io.mallard.model.authlog.AuthLog;
import io.mallard.model.config.MallardProperties;
import io.mallard.model.ratelimit.AuthFailureCounter;
import io.mallard.model.ratelimit.AuthFailureLimits;
import io.mallard.model.store.CollectionIndexes;
import io.mallard.model.store.Stores;

/** Every account store wired over the real embedded MongoDB, indexes created as at start-up. */
public final class AccountFixture implements AutoCloseable {

    public final Stores stores;
    public final PasswordHasher hasher;
    public final AddressStore addresses;
    public final DomainAliasStore aliases;
    public final AppPasswordStore appPasswords;
    public final UserStore users;
    public final AddressResolver resolver;
    public final AuthLog authLog;
    public final AuthFailureCounter failures;
    public final TotpCheck totp;
    public final CredentialCheck credentials;

    public AccountFixture(Path dataDir) {
        stores = Stores.open(MallardProperties.embeddedIn(dataDir));
        MongoDatabase database = stores.mongo().database();
        CollectionIndexes.ensure(database, AccountCollections.ALL).block();
        Clock clock = Clock.systemUTC();
        hasher = new PasswordHasher();
        addresses = new AddressStore(database, clock);
        aliases = new DomainAliasStore(database, clock);
        appPasswords = new AppPasswordStore(database, hasher, clock);
        users = new UserStore(database, hasher, addresses, appPasswords, clock);
        resolver = new AddressResolver(addresses, aliases, users);
        authLog = new AuthLog(database, AuthLog.DEFAULT_RETENTION, clock);
        failures = new AuthFailureCounter(stores.redis().commands(), AuthFailureLimits.DEFAULTS, clock);
        totp = new TotpCheck(users, stores.redis().commands(), null, clock);
        credentials = new CredentialCheck(users, resolver, appPasswords, hasher, authLog, failures, totp);
    }

    /** A user without a password (no KDF run), for tests that are about addresses. */
    public User user(String username, String address) {
        return users.create(new NewUser(username, null, username, address, UserSettings.DEFAULTS)).block();
    }

    @Override
    public void close() {
        stores.close();
    }
}
