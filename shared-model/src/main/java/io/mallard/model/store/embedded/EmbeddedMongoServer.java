package io.mallard.model.store.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import de.bwaldvogel.mongo.MongoServer;

/**
 * An in-process MongoDB-wire-compatible server on loopback, file-backed so that data survives a
 * restart. Mallard talks to it through the official driver, exactly as to a real MongoDB.
 * The backend is {@link DurableH2Backend}, which neutralizes the library's measured defects:
 * acknowledged writes are on disk, non-unique and range-queried indexes are real, and
 * concurrent updates reply with their own result.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private final DurableH2Backend backend;
    private final MongoServer server;
    private final String connectionString;

    /**
     * Threads that run commands. The library runs each command on its connection's event loop,
     * two per core by default; a write holds its loop while it waits for the shared disk commit,
     * and every read on that loop's connections waits behind it. Most of these threads wait, on
     * the disk or on a collection's lock, so many cost little CPU and let reads pass waiting writes.
     */
    static final int WORKER_THREADS = 32;

    private EmbeddedMongoServer(DurableH2Backend backend) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, WORKER_THREADS);
        this.connectionString = server.getConnectionString();
    }

    /** Starts a server whose data lives in {@code dir/mongo.mv} and its write-ahead log beside it. */
    public static EmbeddedMongoServer start(Path dir) {
        return start(dir, DurableH2Backend.CHECKPOINT_INTERVAL);
    }

    /** With checkpoints of the write-ahead log that far apart at most. */
    static EmbeddedMongoServer start(Path dir, Duration checkpointInterval) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EmbeddedMongoServer(DurableH2Backend.open(dir.resolve("mongo.mv").toString(), checkpointInterval));
    }

    public String connectionString() {
        return connectionString;
    }

    /**
     * How many documents the backend has read from one collection, for queries, updates and
     * deletes alike: lets a test see whether a query used an index or scanned everything.
     */
    public long documentsVisited(String database, String collection) {
        return backend.documentsVisited(database, collection);
    }

    /** Stops accepting, then closes the backend, which writes the file out. */
    @Override
    public void close() {
        server.shutdown();
    }
}
