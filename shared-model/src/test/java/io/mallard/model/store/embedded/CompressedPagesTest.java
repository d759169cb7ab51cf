package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.store.MongoStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The embedded store writes its pages compressed, and reads them back after a restart. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CompressedPagesTest {

    private static final int DOCUMENTS = 100;
    private static final String TEXT = "Line of a message body that repeats, as mail text does. ".repeat(360);

    @TempDir
    Path dataDir;

    @Test
    void documentsTakeLessFileThanTheirTextAndReadBackWhole() throws Exception {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            documents.add(new Document("_id", i).append("text", TEXT));
        }
        EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
        try (MongoStore store = new MongoStore(server.connectionString())) {
            Mono.from(store.database().getCollection("messages").insertMany(documents)).block();
        } finally {
            server.close();
        }

        // 2 MB of text: uncompressed, the file holds at least that much
        assertThat(Files.size(dataDir.resolve("mongo.mv"))).isLessThan((long) DOCUMENTS * TEXT.length() / 4);
        server = EmbeddedMongoServer.start(dataDir);
        try (MongoStore store = new MongoStore(server.connectionString())) {
            assertThat(Flux.from(store.database().getCollection("messages").find()).collectList().block())
                    .containsExactlyInAnyOrderElementsOf(documents);
        } finally {
            server.close();
        }
    }
}
