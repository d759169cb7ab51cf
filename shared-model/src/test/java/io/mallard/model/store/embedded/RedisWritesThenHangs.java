package io.mallard.model.store.embedded;

import java.nio.file.Path;

import io.lettuce.core.RedisClient;

/**
 * Run in a child JVM by {@link EmbeddedRedisServerTest}: starts the embedded redis-server in
 * {@code args[0]}, writes one key, says so, and waits to be killed.
 */
public final class RedisWritesThenHangs {

    static final String WRITTEN = "WRITTEN";

    private RedisWritesThenHangs() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedRedisServer server = EmbeddedRedisServer.start(Path.of(args[0]));
        RedisClient client = RedisClient.create(server.uri());
        client.connect().sync().set("written-before-kill", "yes");
        System.out.println(WRITTEN);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
