package io.mallard.model.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mallard.model.config.MallardProperties;
import io.mallard.model.store.embedded.EmbeddedMongoServer;
import io.mallard.model.store.embedded.EmbeddedRedisServer;

/**
 * Opens MongoDB and Redis as configured: the URIs when given, otherwise embedded servers in the
 * data directory. Either way the rest of Mallard sees the same drivers and the same code path.
 */
public final class Stores implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Stores.class);

    private final EmbeddedMongoServer embeddedMongo;
    private final EmbeddedRedisServer embeddedRedis;
    private final MongoStore mongo;
    private final RedisStore redis;

    private Stores(EmbeddedMongoServer embeddedMongo, EmbeddedRedisServer embeddedRedis, MongoStore mongo, RedisStore redis) {
        this.embeddedMongo = embeddedMongo;
        this.embeddedRedis = embeddedRedis;
        this.mongo = mongo;
        this.redis = redis;
    }

    public static Stores open(MallardProperties properties) {
        EmbeddedMongoServer embeddedMongo = properties.mongo().embedded()
                ? EmbeddedMongoServer.start(properties.data().path().resolve("mongo"))
                : null;
        EmbeddedRedisServer embeddedRedis = properties.redis().embedded()
                ? EmbeddedRedisServer.start(properties.data().path().resolve("redis"))
                : null;
        String mongoUri = embeddedMongo != null ? embeddedMongo.connectionString() : properties.mongo().uri();
        String redisUri = embeddedRedis != null ? embeddedRedis.uri() : properties.redis().uri();
        return new Stores(embeddedMongo, embeddedRedis, embeddedMongo != null ? MongoStore.embedded(mongoUri) : new MongoStore(mongoUri), new RedisStore(redisUri));
    }

    public MongoStore mongo() {
        return mongo;
    }

    public RedisStore redis() {
        return redis;
    }

    /** Clients first, then the embedded servers they were talking to. */
    @Override
    public void close() {
        redis.close();
        mongo.close();
        if (embeddedRedis != null) {
            embeddedRedis.close();
        }
        if (embeddedMongo != null) {
            embeddedMongo.close();
        }
        log.info("Stores closed");
    }
}
