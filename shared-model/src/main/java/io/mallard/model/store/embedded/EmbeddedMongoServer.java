package io.mallard.model.store.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    private EmbeddedMongoServer(DurableH2Backend backend) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        this.connectionString = server.bindAndGetConnectionString();
    }

    /** Starts a server whose data lives in {@code dir/mongo.mv}. */
    public static EmbeddedMongoServer start(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EmbeddedMongoServer(DurableH2Backend.open(dir.resolve("mongo.mv").toString()));
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
