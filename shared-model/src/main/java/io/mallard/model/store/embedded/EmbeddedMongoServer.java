package io.mallard.model.store.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * An in-process MongoDB-wire-compatible server on loopback, file-backed so that data survives a
 * restart. Mallard talks to it through the official driver, exactly as to a real MongoDB.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private final MongoServer server;
    private final String connectionString;

    private EmbeddedMongoServer(H2Backend backend) {
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
        return new EmbeddedMongoServer(new H2Backend(dir.resolve("mongo.mv").toString()));
    }

    public String connectionString() {
        return connectionString;
    }

    /** Stops accepting, then closes the backend, which writes the file out. */
    @Override
    public void close() {
        server.shutdown();
    }
}
