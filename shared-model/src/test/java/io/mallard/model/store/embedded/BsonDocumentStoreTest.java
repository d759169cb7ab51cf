package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Code;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoNamespace;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Documents stored as BSON by {@link BsonDocumentType}, read back through the driver after a
 * restart, so that they come from the file and not from the map's page cache.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BsonDocumentStoreTest {

    @TempDir
    Path dataDir;

    private EmbeddedMongoServer server;
    private MongoStore store;

    @AfterEach
    void stop() {
        close();
    }

    @Test
    void everyValueTypeReadsBackExactlyAfterARestart() {
        Document written = everyValueType();
        open();
        Mono.from(collection("values").insertOne(written)).block();

        restart();

        assertThat(all("values")).containsExactly(written);
    }

    @Test
    void aDataFileOfTheLibrarysFormatOpensAndItsDocumentsCanBeUpdated() {
        Document untouched = everyValueType();
        Document updated = new Document("_id", "updated").append("flags", List.of("\\Seen")).append("size", 1200L);
        MongoServer plain = new MongoServer(new H2Backend(dataDir.resolve("mongo.mv").toString()));
        try (MongoStore plainStore = new MongoStore(plain.bindAndGetConnectionString())) {
            Mono.from(plainStore.database().getCollection("values").insertMany(List.of(untouched, updated))).block();
        } finally {
            plain.shutdown();
        }

        open();
        assertThat(all("values")).containsExactlyInAnyOrder(untouched, updated);
        Mono.from(collection("values").updateOne(Filters.eq("_id", "updated"), Updates.addToSet("flags", "\\Flagged")))
                .block();
        Mono.from(collection("values").insertOne(new Document("_id", new ObjectId()).append("new", true))).block();

        restart();

        assertThat(all("values")).hasSize(3).contains(untouched,
                new Document("_id", "updated").append("flags", List.of("\\Seen", "\\Flagged")).append("size", 1200L));
        assertThat(Flux.from(collection("values").find(Filters.eq("_id", untouched.getObjectId("_id")))).collectList()
                .block()).containsExactly(untouched);
    }

    @Test
    void aRenamedCollectionKeepsItsDocumentsAndIndexesAcrossARestart() {
        open();
        Mono.from(collection("old").createIndex(Indexes.ascending("n"), new IndexOptions().unique(true))).block();
        Mono.from(collection("old").insertMany(List.of(new Document("_id", 1).append("n", 1),
                new Document("_id", 2).append("n", 2)))).block();

        Mono.from(collection("old").renameCollection(new MongoNamespace(MongoStore.DEFAULT_DATABASE, "new"))).block();
        Mono.from(collection("new").insertOne(new Document("_id", 3).append("n", 3))).block();
        restart();

        assertThat(all("new")).containsExactly(new Document("_id", 1).append("n", 1),
                new Document("_id", 2).append("n", 2), new Document("_id", 3).append("n", 3));
        assertThat(Flux.from(collection("new").find(Filters.eq("n", 2))).collectList().block())
                .containsExactly(new Document("_id", 2).append("n", 2));
        assertThat(all("old")).isEmpty();

        // a new collection of the old name starts with empty indexes, not the renamed one's
        Mono.from(collection("old").createIndex(Indexes.ascending("n"), new IndexOptions().unique(true))).block();
        Mono.from(collection("old").insertOne(new Document("_id", 4).append("n", 1))).block();
        restart();

        assertThat(Flux.from(collection("old").find(Filters.gte("n", 1))).collectList().block())
                .containsExactly(new Document("_id", 4).append("n", 1));
    }

    @Test
    void aDroppedCollectionStaysEmptyAcrossARestartAndCanBeCreatedAgain() {
        open();
        Mono.from(collection("gone").insertMany(List.of(new Document("_id", 1), new Document("_id", 2)))).block();

        Mono.from(collection("gone").drop()).block();
        restart();

        assertThat(all("gone")).isEmpty();
        Mono.from(collection("gone").insertOne(new Document("_id", 3))).block();
        restart();

        assertThat(all("gone")).containsExactly(new Document("_id", 3));
    }

    /** Each BSON type the wire carries, plus the corner cases a copy could get wrong. */
    private static Document everyValueType() {
        byte[] body = new byte[100_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        return new Document("_id", new ObjectId())
                .append("string", "héllo ✉ 𝄞 \u0000 end")
                .append("int", -7)
                .append("long", 1L << 40)
                .append("double", 2.5)
                .append("negativeZero", -0.0)
                .append("nan", Double.NaN)
                .append("true", true)
                .append("false", false)
                .append("null", null)
                .append("date", new Date(1_700_000_000_123L))
                .append("binary", new BsonBinary(body))
                .append("empty binary", new BsonBinary(new byte[0]))
                .append("uuid", new BsonBinary(BsonBinarySubType.UUID_STANDARD, Arrays.copyOf(body, 16)))
                .append("decimal", Decimal128.parse("-12345.678901234567890"))
                .append("timestamp", new BsonTimestamp(1_700_000_000, 5))
                .append("regex", new BsonRegularExpression("^a.*b$", "im"))
                .append("code", new Code("function () { return 1; }"))
                .append("minKey", new MinKey())
                .append("maxKey", new MaxKey())
                .append("nested", new Document("list", List.of(new Document("a", 1), List.of(), "two", 3L))
                        .append("empty", new Document()));
    }

    private MongoCollection<Document> collection(String name) {
        return store.database().getCollection(name);
    }

    private List<Document> all(String name) {
        return Flux.from(collection(name).find()).collectList().block();
    }

    private void open() {
        server = EmbeddedMongoServer.start(dataDir);
        store = new MongoStore(server.connectionString());
    }

    private void restart() {
        close();
        open();
    }

    private void close() {
        if (store != null) {
            store.close();
            server.close();
            store = null;
        }
    }
}
