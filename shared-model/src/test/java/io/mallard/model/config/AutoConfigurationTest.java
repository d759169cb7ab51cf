package io.mallard.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.expiry.ExpirySweeper;
import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What every service gets at start-up: indexes in place before traffic, and expiry running. */
class AutoConfigurationTest {

    @TempDir
    Path dataDir;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StoreAutoConfiguration.class, AccountAutoConfiguration.class,
                    MailAutoConfiguration.class));

    @Test
    void startUpCreatesTheIndexesEveryLayerDeclares() {
        context.withPropertyValues("mallard.data.dir=" + dataDir).run(app -> {
            MongoDatabase database = app.getBean(MongoStore.class).database();
            assertThat(indexKeys(database, "users")).contains(new Document("username", 1));
            assertThat(indexKeys(database, "messages")).contains(new Document("mailbox", 1).append("uid", 1));
            assertThat(indexKeys(database, "attachments.chunks")).contains(new Document("files_id", 1).append("n", 1));
        });
    }

    @Test
    void theSweeperExpiresJournalMessageTombstoneAndAuthLogEntries() {
        context.withPropertyValues("mallard.data.dir=" + dataDir).run(app -> {
            MongoDatabase database = app.getBean(MongoStore.class).database();
            Date past = new Date(System.currentTimeMillis() - 1_000);
            Date future = new Date(System.currentTimeMillis() + 3_600_000);
            for (String collection : List.of("journal", "messages", "authlog")) {
                Mono.from(database.getCollection(collection).insertMany(List.of(
                        expiring(past, 1).append("kind", "expired"),
                        expiring(future, 2).append("kind", "kept")))).block();
            }

            assertThat(app.getBean(ExpirySweeper.class).sweep().block()).isEqualTo(3L);
            for (String collection : List.of("journal", "messages", "authlog")) {
                assertThat(Flux.from(database.getCollection(collection).find()).map(d -> d.getString("kind"))
                        .collectList().block()).as(collection).containsExactly("kept");
            }
        });
    }

    /** Distinct keys, since journal and messages are unique by mailbox with modseq and uid. */
    private static Document expiring(Date at, long n) {
        return new Document("expiresAt", at).append("mailbox", new ObjectId()).append("uid", n).append("modseq", n);
    }

    private static List<Document> indexKeys(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).listIndexes())
                .map(index -> index.get("key", Document.class)).collectList().block();
    }
}
