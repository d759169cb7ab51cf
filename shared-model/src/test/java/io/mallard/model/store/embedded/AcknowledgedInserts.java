package io.mallard.model.store.embedded;

import java.nio.file.Path;

import org.bson.Document;

import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Mono;

/**
 * Run in a child JVM by {@link KillAfterAcknowledgementTest}: inserts documents one by one into
 * the embedded store in {@code args[0]} and prints each id once the server has acknowledged it,
 * until it is killed; before each, the same id goes unjournaled ({@link MongoStore#followed}) into
 * {@code followed}.
 */
public final class AcknowledgedInserts {

    static final String ACKNOWLEDGED = "ACK ";

    private AcknowledgedInserts() {
    }

    public static void main(String[] args) {
        EmbeddedMongoServer server = EmbeddedMongoServer.start(Path.of(args[0]));
        MongoStore store = MongoStore.embedded(server.connectionString());
        for (int id = 0; ; id++) {
            // not forced to disk on its own: the acknowledged insert after it carries it
            Mono.from(MongoStore.followed(store.database().getCollection("followed"))
                    .insertOne(new Document("_id", id))).block();
            Mono.from(store.database().getCollection("acknowledged")
                    .insertOne(new Document("_id", id).append("body", "x".repeat(200)))).block();
            System.out.println(ACKNOWLEDGED + id);
            System.out.flush();
        }
    }
}
