package io.mallard.model.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;

/** The one MongoDB database Mallard uses, reached through the official reactive driver. */
public final class MongoStore implements AutoCloseable {

    public static final String DEFAULT_DATABASE = "mallard";

    private final MongoClient client;
    private final MongoDatabase database;

    public MongoStore(String uri) {
        ConnectionString connection = new ConnectionString(uri);
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(connection)
                .build());
        String name = connection.getDatabase();
        this.database = client.getDatabase(name == null ? DEFAULT_DATABASE : name);
    }

    public MongoDatabase database() {
        return database;
    }

    @Override
    public void close() {
        client.close();
    }
}
