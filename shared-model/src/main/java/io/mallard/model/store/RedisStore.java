package io.mallard.model.store;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * Redis through Lettuce: one shared command connection (Lettuce multiplexes it) plus pub/sub.
 * Redis holds only data Mallard may lose or rebuild (notifications, counters, caches,
 * short-lived tokens); see {@link io.mallard.model.store.embedded.EmbeddedRedisServer}.
 */
public final class RedisStore implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    public RedisStore(String uri) {
        this.client = RedisClient.create(uri);
        this.connection = client.connect();
    }

    public RedisReactiveCommands<String, String> commands() {
        return connection.reactive();
    }

    /** A dedicated connection for SUBSCRIBE, which cannot share the command connection. */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client.connectPubSub();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
