package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedIndexesTest {

    private static final List<IndexModel> MESSAGE_INDEXES = List.of(
            new IndexModel(Indexes.ascending("mailbox", "uid"), new IndexOptions().unique(true)),
            new IndexModel(Indexes.ascending("mailbox", "modseq")),
            new IndexModel(Indexes.ascending("flags")));

    @TempDir
    Path dataDir;

    private EmbeddedMongoServer server;
    private MongoStore store;
    private MongoCollection<Document> messages;

    @BeforeEach
    void start() {
        open();
        Flux.from(messages.createIndexes(MESSAGE_INDEXES)).blockLast();
        List<Document> documents = new ArrayList<>();
        for (int mailbox = 1; mailbox <= 5; mailbox++) {
            for (int uid = 1; uid <= 100; uid++) {
                documents.add(new Document("mailbox", "box" + mailbox).append("uid", uid).append("modseq", uid)
                        .append("flags", uid % 10 == 0 ? List.of("\\Seen", "\\Flagged") : List.of("\\Seen")));
            }
        }
        Mono.from(messages.insertMany(documents)).block();
    }

    @AfterEach
    void stop() {
        close();
    }

    @Test
    void anUpdateMovesTheDocumentWithinTheNonUniqueIndex() {
        Mono.from(messages.updateMany(Filters.and(Filters.eq("mailbox", "box2"), Filters.lte("uid", 3)),
                Updates.set("modseq", 500))).block();

        assertThat(uids(Filters.and(Filters.eq("mailbox", "box2"), Filters.gt("modseq", 100)))).containsExactly(1, 2, 3);
        assertThat(visits).isEqualTo(3);
        assertThat(uids(Filters.and(Filters.eq("mailbox", "box2"), Filters.lte("modseq", 5)))).containsExactly(4, 5);
    }

    @Test
    void aDeletedDocumentLeavesTheNonUniqueIndex() {
        Mono.from(messages.deleteMany(Filters.and(Filters.eq("mailbox", "box3"), Filters.gt("modseq", 98)))).block();

        assertThat(uids(Filters.and(Filters.eq("mailbox", "box3"), Filters.gt("modseq", 95)))).containsExactly(96, 97, 98);
        assertThat(visits).isEqualTo(3);
    }

    @Test
    void indexesAndTheirUseSurviveARestart() {
        close();
        open();

        assertThat(uids(new Document("mailbox", "box4").append("uid", new Document("$gte", 10).append("$lt", 13))))
                .containsExactly(10, 11, 12);
        assertThat(visits).isEqualTo(3);
        assertThat(uids(Filters.and(Filters.eq("mailbox", "box4"), Filters.gt("modseq", 97)))).containsExactly(98, 99, 100);
        assertThat(visits).isEqualTo(3);
    }

    @Test
    void theIndexWithTheFewestCandidatesServesTheQuery() {
        assertThat(uids(Filters.and(Filters.eq("mailbox", "box1"), Filters.eq("flags", "\\Flagged"))))
                .containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        assertThat(visits).isEqualTo(50); // the flags index (50 entries), not the mailbox's 100

        assertThat(uids(Filters.and(Filters.eq("mailbox", "box1"), Filters.gt("modseq", 95))))
                .containsExactly(96, 97, 98, 99, 100);
        assertThat(visits).isEqualTo(5);
    }

    @Test
    void inOnTheFirstFieldOfACompoundIndexReadsOnlyTheSpansOfTheListedValues() {
        assertThat(uids(Filters.and(Filters.in("mailbox", "box4", "box2", "box9"), Filters.lte("uid", 2))))
                .containsExactly(1, 1, 2, 2);
        assertThat(visits).isEqualTo(4); // {mailbox, uid}: two entries of box2 and two of box4, of 500
        assertThat(uids(Filters.in("mailbox"))).isEmpty();
        assertThat(visits).isZero();
        assertThat(counted(Filters.in("mailbox", "box1", "box3"), new CountOptions())).isEqualTo(200);
        assertThat(visits).isEqualTo(200);
    }

    @Test
    void inAfterAnEqualityPrefixReadsOnlyTheSpansOfTheListedValues() {
        assertThat(uids(Filters.and(Filters.eq("mailbox", "box3"), Filters.in("uid", 7, 3, 200)))).containsExactly(3, 7);
        assertThat(visits).isEqualTo(2); // {mailbox, uid}: box3's entries for 3 and 7, not its 100
    }

    @Test
    void inOnAnArrayFieldAfterAnEqualityPrefixReadsOnlyItsSpans() {
        Mono.from(messages.createIndex(Indexes.ascending("mailbox", "flags"))).block();

        assertThat(uids(Filters.and(Filters.eq("mailbox", "box2"), Filters.in("flags", "\\Flagged", "\\Deleted"))))
                .containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        assertThat(visits).isEqualTo(10); // box2's \Flagged entries, not the 50 of the flags index
    }

    @Test
    void aFindOneAndUpdateReadsOnlyTheSpansOfItsQueryAndChangesTheLatestMatch() {
        long before = server.documentsVisited(MongoStore.DEFAULT_DATABASE, "messages");
        Document changed = Mono.from(messages.findOneAndUpdate(Filters.and(Filters.eq("mailbox", "box3"), Filters.in("uid", 7, 3, 200)),
                Updates.set("seen", true), new FindOneAndUpdateOptions().sort(Sorts.descending("modseq")))).block();

        assertThat(changed.getInteger("uid")).isEqualTo(7);
        // the two entries of {mailbox, uid}, then the one document written
        assertThat(server.documentsVisited(MongoStore.DEFAULT_DATABASE, "messages") - before).isLessThanOrEqualTo(3);
        assertThat(uids(Filters.eq("seen", true))).containsExactly(7);
    }

    @Test
    void inOnAnArrayFieldReadsADocumentListedUnderTwoValuesOnce() {
        assertThat(uids(Filters.in("flags", "\\Seen", "\\Flagged"))).hasSize(500); // 550 entries: 50 documents carry both
        assertThat(visits).isEqualTo(500);
        assertThat(uids(Filters.in("flags", "\\Flagged", "\\Deleted"))).hasSize(50);
        assertThat(visits).isEqualTo(50);
    }

    @Test
    void countDocumentsReadsOnlyTheIndexedRange() {
        Bson box2 = Filters.and(Filters.eq("mailbox", "box2"), Filters.lte("uid", 50), Filters.ne("abandoned", true));

        assertThat(counted(box2, new CountOptions())).isEqualTo(50);
        assertThat(visits).isEqualTo(50);
        assertThat(counted(Filters.and(box2, Filters.ne("flags", "\\Seen")), new CountOptions())).isZero();
        assertThat(visits).isEqualTo(50);
        assertThat(counted(Filters.eq("mailbox", "box1"), new CountOptions().skip(90).limit(20))).isEqualTo(10);
        assertThat(counted(Filters.eq("mailbox", "box1"), new CountOptions().skip(10).limit(20))).isEqualTo(20);
        assertThat(Mono.from(store.database().getCollection("none").countDocuments()).block()).isZero();
    }

    @Test
    void anAggregationOtherThanACountStillGetsTheLibrarysAnswer() {
        List<Document> sums = Flux.from(messages.aggregate(List.of(
                Aggregates.match(Filters.eq("mailbox", "box3")),
                Aggregates.group("$mailbox", Accumulators.sum("uids", "$uid"), Accumulators.sum("n", 1))))).collectList().block();

        assertThat(sums).singleElement().satisfies(sum -> {
            assertThat(sum.get("_id")).isEqualTo("box3");
            assertThat(sum.getInteger("uids")).isEqualTo(5050);
            assertThat(sum.getInteger("n")).isEqualTo(100);
        });
    }

    @Test
    void anArrayFieldIsIndexedByEachElement() {
        assertThat(uids(Filters.eq("flags", "\\Flagged"))).hasSize(50).allMatch(uid -> uid % 10 == 0);
        assertThat(visits).isEqualTo(50);
    }

    @Test
    void aFlatFilterWithARegexOnAFieldOfAUniqueCompoundIndexWorks() {
        MongoCollection<Document> addresses = store.database().getCollection("addresses");
        Mono.from(addresses.createIndex(Indexes.ascending("user", "address"), new IndexOptions().unique(true))).block();
        Mono.from(addresses.insertMany(List.of(
                new Document("user", "u1").append("address", "alice@example.com"),
                new Document("user", "u1").append("address", "bob@example.com"),
                new Document("user", "u2").append("address", "alice@example.org")))).block();

        List<Document> found = Flux.from(addresses.find(
                new Document("user", "u1").append("address", Pattern.compile("^ali")))).collectList().block();

        assertThat(found).extracting(document -> document.getString("address")).containsExactly("alice@example.com");
    }

    @Test
    void aUniqueIndexStillRejectsADuplicateMadeByAnUpdate() {
        Bson uid1 = Filters.and(Filters.eq("mailbox", "box5"), Filters.eq("uid", 1));

        assertThatThrownBy(() -> Mono.from(messages.updateOne(uid1, Updates.set("uid", 2))).block())
                .isInstanceOf(MongoWriteException.class)
                .satisfies(e -> assertThat(((MongoWriteException) e).getCode()).isEqualTo(11000));
        assertThat(uids(uid1)).containsExactly(1);
    }

    @Test
    void aDataFileWrittenWithoutTheseIndexesGetsThemBuiltOnOpen() {
        close();
        Path plainDir = dataDir.resolve("plain");
        plainDir.toFile().mkdirs();
        MongoServer plain = new MongoServer(new H2Backend(plainDir.resolve("mongo.mv").toString()));
        try (MongoStore plainStore = new MongoStore(plain.bindAndGetConnectionString())) {
            MongoCollection<Document> plainMessages = plainStore.database().getCollection("messages");
            Flux.from(plainMessages.createIndexes(MESSAGE_INDEXES)).blockLast();
            Mono.from(plainMessages.insertMany(List.of(
                    new Document("mailbox", "old").append("uid", 1).append("modseq", 7),
                    new Document("mailbox", "old").append("uid", 2).append("modseq", 8)))).block();
        } finally {
            plain.shutdown();
        }

        server = EmbeddedMongoServer.start(plainDir);
        store = new MongoStore(server.connectionString());
        messages = store.database().getCollection("messages");

        assertThat(uids(Filters.and(Filters.eq("mailbox", "old"), Filters.gt("modseq", 7)))).containsExactly(2);
        assertThat(visits).isEqualTo(1);
    }

    private long visits;

    private List<Integer> uids(Bson filter) {
        long before = server.documentsVisited(MongoStore.DEFAULT_DATABASE, "messages");
        List<Integer> uids = Flux.from(messages.find(filter).sort(Sorts.ascending("uid")))
                .map(document -> document.getInteger("uid"))
                .collectList().block();
        visits = server.documentsVisited(MongoStore.DEFAULT_DATABASE, "messages") - before;
        return uids;
    }

    private long counted(Bson filter, CountOptions options) {
        long before = server.documentsVisited(MongoStore.DEFAULT_DATABASE, "messages");
        long count = Mono.from(messages.countDocuments(filter, options)).block();
        visits = server.documentsVisited(MongoStore.DEFAULT_DATABASE, "messages") - before;
        return count;
    }

    private void open() {
        server = EmbeddedMongoServer.start(dataDir);
        store = new MongoStore(server.connectionString());
        messages = store.database().getCollection("messages");
    }

    private void close() {
        store.close();
        server.close();
    }
}
