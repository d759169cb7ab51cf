package io.mallard.model.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;

import io.mallard.model.config.MallardProperties;
import io.mallard.model.message.ContentReferences;
import io.mallard.model.store.Stores;
import io.mallard.model.store.MongoStore;
import io.mallard.model.store.embedded.EmbeddedMongoServer;
import io.mallard.model.store.embedded.EmbeddedRedisServer;
import reactor.core.publisher.Mono;

/**
 * One embedded MongoDB and one redis-server shared by several independent store clients, each
 * standing for a separate Mallard instance.
 */
public final class StoreCluster implements AutoCloseable {

    private final EmbeddedMongoServer mongo;
    private final EmbeddedRedisServer redis;
    private final List<Stores> clients = new ArrayList<>();

    public StoreCluster(Path dir) {
        this.mongo = EmbeddedMongoServer.start(dir.resolve("mongo"));
        this.redis = EmbeddedRedisServer.start(dir.resolve("redis"));
    }

    /** A new client pair, as a new instance would open it. */
    public Stores instance() {
        Stores stores = Stores.open(MallardProperties.connectedTo(mongo.connectionString(), redis.uri()));
        clients.add(stores);
        return stores;
    }

    public MailStorage storage(Duration lease) {
        Stores stores = instance();
        MailStorage.ensureIndexes(stores).block();
        return MailStorage.over(stores, lease, ContentReferences.NONE);
    }

    /** A row in {@code users} as the account layer would write it. */
    public ObjectId user(long quota) {
        ObjectId id = new ObjectId();
        Stores stores = clients.isEmpty() ? instance() : clients.get(0);
        Mono.from(stores.mongo().database().getCollection("users")
                .insertOne(new Document("_id", id).append("quota", quota).append("storageUsed", 0L))).block();
        return id;
    }

    /** How many documents of the collection the embedded MongoDB has read so far, for queries and writes alike. */
    public long documentsVisited(String collection) {
        return mongo.documentsVisited(MongoStore.DEFAULT_DATABASE, collection);
    }

    @Override
    public void close() {
        clients.forEach(Stores::close);
        redis.close();
        mongo.close();
    }
}
