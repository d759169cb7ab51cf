package io.mallard.model.store.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import redis.embedded.RedisServer;

/**
 * A real redis-server process (the binary ships inside the embedded-redis jar) on loopback,
 * persisting with an append-only file in the data directory.
 *
 * <p>Redis holds only what Mallard can lose or rebuild: pub/sub change notifications (never
 * persisted; the journal collection in MongoDB is the record), rate-limit and throttling
 * counters, caches and short-lived tokens whose loss forces a client to authenticate again.
 * Anything whose loss would be wrong — messages, UIDs/MODSEQs, credentials, token revocations —
 * lives in MongoDB. Hence {@code appendfsync everysec}: Redis writes the AOF before it replies, so
 * a killed process loses nothing; only an operating-system crash loses up to about a second, and
 * an fsync per write ({@code always}) would cost a disk flush on every rate-limit increment.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final String PID_FILE = "redis-server.pid";

    private static final int START_ATTEMPTS = 5;

    private final RedisServer server;
    private final int port;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedRedisServer start(Path dir) {
        try {
            Files.createDirectories(dir);
            Path pidFile = dir.toAbsolutePath().resolve(PID_FILE);
            stopLeftOver(pidFile);
            return startOnFreePort(dir, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * redis-server cannot be told to pick its own port and report it, so a free port is picked
     * first; another process may take it before redis-server binds it (seen in CI with several
     * test JVMs starting at once), and then the start is tried again on another port.
     */
    private static EmbeddedRedisServer startOnFreePort(Path dir, Path pidFile) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort();
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + dir.toAbsolutePath())
                    .setting("pidfile " + pidFile)
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("save \"\"")
                    .onShutdownForceStop(true)
                    .build();
            try {
                server.start();
                return new EmbeddedRedisServer(server, port);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * A JVM killed with SIGKILL runs no shutdown hook, so its redis-server keeps running with the
     * AOF open (measured: the orphan outlives the JVM). A second server appending to the same
     * file would interleave its writes with the orphan's; the orphan is stopped first. SIGTERM
     * lets it flush the AOF. Two live Mallard processes cannot share a data directory anyway:
     * the second fails on the MongoDB store's file lock before it gets here.
     */
    private static void stopLeftOver(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid)
                .filter(process -> process.info().command().map(command -> command.contains("redis-server")).orElse(false))
                .ifPresent(orphan -> {
                    orphan.destroy();
                    try {
                        orphan.onExit().get(10, TimeUnit.SECONDS);
                    } catch (ExecutionException | TimeoutException e) {
                        orphan.destroyForcibly();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while stopping redis-server " + pid, e);
                    }
                });
        Files.deleteIfExists(pidFile);
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
