package io.mallard.model.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.config.MallardProperties;
import reactor.core.publisher.Mono;

class StoresRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void dataWrittenBeforeARestartOfTheEmbeddedStoresIsThereAfterIt() {
        MallardProperties properties = MallardProperties.embeddedIn(dataDir);
        try (Stores stores = Stores.open(properties)) {
            Mono.from(stores.mongo().database().getCollection("restart")
                    .insertOne(new Document("_id", "kept").append("value", 42))).block();
            stores.redis().commands().set("restart:kept", "yes").block();
        }

        try (Stores stores = Stores.open(properties)) {
            Document found = Mono.from(stores.mongo().database().getCollection("restart")
                    .find(new Document("_id", "kept")).first()).block();
            assertThat(found).isNotNull();
            assertThat(found.getInteger("value")).isEqualTo(42);
            assertThat(stores.redis().commands().get("restart:kept").block()).isEqualTo("yes");
        }
    }
}
