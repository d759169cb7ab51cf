package io.mallard.model.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;

/** The one MongoDB database Mallard uses, reached through the official reactive driver. */
public final class MongoStore implements AutoCloseable {

    public static final String DEFAULT_DATABASE = "mallard";

    /**
     * For a step whose writer makes a journaled write before it acknowledges anything (a UID or
     * MODSEQ taken, a message or its flags written before the change's journal entry): it is
     * answered once applied and made durable by that later write, which carries it along, as
     * MongoDB writes its journal in order and an embedded-store commit covers every change
     * applied before it. A kill before then loses the unacknowledged command as a whole, as it
     * would lose the steps not yet taken; one forced disk write per command instead of one per step.
     */
    public static final WriteConcern FOLLOWED = WriteConcern.ACKNOWLEDGED.withJournal(false);

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
