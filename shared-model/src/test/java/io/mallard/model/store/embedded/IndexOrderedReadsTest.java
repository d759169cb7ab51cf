package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;

import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A mailbox listing's reads through the embedded store: a sorted, limited page walks the index
 * in order and reads only the documents it returns, a count the index covers reads none, and an
 * inclusion projection keeps what MongoDB keeps.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IndexOrderedReadsTest {

    @TempDir
    Path dataDir;

    private EmbeddedMongoServer server;
    private MongoStore store;
    private MongoCollection<Document> messages;

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.start(dataDir);
        store = new MongoStore(server.connectionString());
        messages = store.database().getCollection("messages");
        Flux.from(messages.createIndexes(List.of(
                new IndexModel(Indexes.ascending("mailbox", "uid"), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("mailbox", "modseq")),
                new IndexModel(Indexes.ascending("mailbox", "abandoned", "uid"))))).blockLast();
        List<Document> documents = new ArrayList<>();
        for (int mailbox = 1; mailbox <= 3; mailbox++) {
            for (int uid = 1; uid <= 200; uid++) {
                Document message = new Document("mailbox", "box" + mailbox).append("uid", uid).append("modseq", 1000 - uid);
                documents.add(uid % 20 == 0 ? message.append("abandoned", true) : message);
            }
        }
        Mono.from(messages.insertMany(documents)).block();
    }

    @AfterEach
    void stop() {
        store.close();
        server.close();
    }

    @Test
    void aPageNewestFirstReadsOnlyTheDocumentsItReturns() {
        Bson box = Filters.and(Filters.eq("mailbox", "box2"), Filters.gte("uid", 1), Filters.lte("uid", 190),
                Filters.ne("abandoned", true));

        long before = visited();
        List<Integer> page = uids(messages.find(box).sort(Sorts.descending("uid")).limit(5));

        assertThat(page).containsExactly(190, 189, 188, 187, 186);
        assertThat(visited() - before).isEqualTo(5);
    }

    @Test
    void aPageSkipsTombstonesAndGoesOnReadingInIndexOrder() {
        Bson after = Filters.and(Filters.eq("mailbox", "box1"), Filters.gt("uid", 17), Filters.ne("abandoned", true));

        long before = visited();
        List<Integer> page = uids(messages.find(after).sort(Sorts.ascending("uid")).limit(4));

        assertThat(page).containsExactly(18, 19, 21, 22);
        assertThat(visited() - before).isEqualTo(5);
    }

    @Test
    void aSortTheIndexDoesNotHoldStillComesOutSorted() {
        Bson box = Filters.and(Filters.eq("mailbox", "box3"), Filters.lte("uid", 10));

        assertThat(uids(messages.find(box).sort(Sorts.descending("modseq")).limit(3))).containsExactly(1, 2, 3);
    }

    @Test
    void aCountOfAnIndexRangeReadsNoDocument() {
        long before = visited();
        long uids = count(Filters.and(Filters.eq("mailbox", "box1"), Filters.gte("uid", 1), Filters.lte("uid", 150)));
        long tombstones = count(Filters.and(Filters.eq("mailbox", "box1"), Filters.eq("abandoned", true),
                Filters.gte("uid", 1), Filters.lte("uid", 150)));

        assertThat(uids).isEqualTo(150);
        assertThat(tombstones).isEqualTo(7);
        assertThat(visited() - before).isZero();
    }

    @Test
    void aCountWithAConditionOutsideTheIndexChecksEachDocumentOfTheRange() {
        long before = visited();
        long messagesUpTo150 = count(Filters.and(Filters.eq("mailbox", "box1"), Filters.lte("uid", 150),
                Filters.ne("abandoned", true)));

        assertThat(messagesUpTo150).isEqualTo(143);
        assertThat(visited() - before).isEqualTo(150);
    }

    @Test
    void anInclusionProjectionKeepsNestedFieldsThroughDocumentsAndArrays() {
        Mono.from(messages.insertOne(new Document("mailbox", "box9").append("uid", 1).append("size", 42)
                .append("content", new Document("raw", "bytes").append("parsed", new Document("text", "long text")
                        .append("from", List.of(new Document("name", "A").append("address", "a@example.com")))
                        .append("subject", "hello")))
                .append("parts", List.of(new Document("name", "one").append("body", "x"), "loose",
                        new Document("body", "y"))))).block();

        Document found = Mono.from(messages.find(Filters.eq("mailbox", "box9"))
                .projection(Projections.include("uid", "content.parsed.from", "content.parsed.subject", "parts.name",
                        "missing.field"))).block();

        assertThat(found.keySet()).containsExactly("_id", "uid", "content", "parts");
        assertThat(found.get("content", Document.class).toJson()).isEqualTo(new Document("parsed", new Document(
                "from", List.of(new Document("name", "A").append("address", "a@example.com")))
                .append("subject", "hello")).toJson());
        assertThat(found.getList("parts", Document.class)).containsExactly(new Document("name", "one"), new Document());
    }

    private long visited() {
        return server.documentsVisited(MongoStore.DEFAULT_DATABASE, "messages");
    }

    private long count(Bson filter) {
        return Mono.from(messages.countDocuments(filter)).block();
    }

    private static List<Integer> uids(org.reactivestreams.Publisher<Document> found) {
        return Flux.from(found).map(document -> document.getInteger("uid")).collectList().block();
    }
}
