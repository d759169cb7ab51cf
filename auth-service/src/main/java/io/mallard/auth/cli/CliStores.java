package io.mallard.auth.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.bson.types.ObjectId;
import org.springframework.boot.convert.DurationStyle;

import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.access.AccessTokens;
import io.mallard.model.access.RolePermissions;
import io.mallard.model.access.RootToken;
import io.mallard.model.address.AddressStore;
import io.mallard.model.config.AccessProperties;
import io.mallard.model.config.MallardProperties;
import io.mallard.model.store.Stores;
import io.mallard.model.user.PasswordHasher;
import io.mallard.model.user.User;
import io.mallard.model.user.UserStore;
import reactor.core.publisher.Mono;

/**
 * What the CLI works on, opened from the same {@code MALLARD_*} variables as the services. With
 * no URIs that means the embedded stores in {@code MALLARD_DATA_DIR}, which a running server
 * holds open: point the CLI at the server's MongoDB and Redis instead, or stop the server.
 */
final class CliStores implements AutoCloseable {

    private final Stores stores;
    final RootToken root;
    final AccessTokens tokens;
    final RolePermissions roles;
    private final UserStore users;

    CliStores(Map<String, String> env) {
        MallardProperties properties = new MallardProperties(new MallardProperties.Mongo(env.get("MALLARD_MONGO_URI")),
                new MallardProperties.Redis(env.get("MALLARD_REDIS_URI")),
                new MallardProperties.Data(env.get("MALLARD_DATA_DIR")),
                new MallardProperties.Root(env.get("MALLARD_ROOT_TOKEN")), null, env.get("MALLARD_HOSTNAME"));
        // The variables Spring's relaxed binding maps to mallard.access.roles-file, token-sliding and token-maximum.
        AccessProperties access = new AccessProperties(duration(env.get("MALLARD_ACCESS_TOKENSLIDING")),
                duration(env.get("MALLARD_ACCESS_TOKENMAXIMUM")), env.get("MALLARD_ACCESS_ROLESFILE"),
                null, null, null, null, null, null, null);
        this.roles = access.roles();
        this.stores = Stores.open(properties);
        Clock clock = Clock.systemUTC();
        MongoDatabase database = stores.mongo().database();
        this.root = new RootToken(database, properties.root().token(), clock);
        this.tokens = new AccessTokens(stores.redis().commands(), root, access.lifetime(), clock);
        PasswordHasher hasher = new PasswordHasher();
        this.users = new UserStore(database, hasher, new AddressStore(database, clock), clock);
    }

    /**
     * The account a {@code --user} names (a user id or a username), or null when it names none:
     * then it is a tool's name, as WildDuck's {@code access-tokens provision admin root}.
     */
    User account(String user) {
        return ObjectId.isValid(user)
                ? users.get(new ObjectId(user)).block()
                : users.getByUsername(user).onErrorResume(IllegalArgumentException.class, notAUsername -> Mono.empty()).block();
    }

    /** The account's id, or null for a tool's name. */
    ObjectId accountId(String user) {
        User found = account(user);
        return found == null ? null : found.id();
    }

    /** Null when unset, so that the setting keeps its default. */
    private static Duration duration(String value) {
        return value == null || value.isBlank() ? null : DurationStyle.detectAndParse(value);
    }

    @Override
    public void close() {
        stores.close();
    }
}
