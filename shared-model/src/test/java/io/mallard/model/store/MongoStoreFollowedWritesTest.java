package io.mallard.model.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.WriteConcern;
import com.mongodb.reactivestreams.client.MongoCollection;

/**
 * Unjournaled steps are for the embedded store only: on MongoDB the journaled write that follows
 * may land on another shard, so a step there keeps the write concern the operator configured.
 */
class MongoStoreFollowedWritesTest {

    @Test
    void onMongoDbAFollowedStepKeepsTheConfiguredWriteConcern() {
        try (MongoStore store = new MongoStore("mongodb://127.0.0.1:9/mallard?w=majority&journal=true")) {
            MongoCollection<Document> messages = store.database().getCollection("messages");
            assertThat(MongoStore.followed(messages).getWriteConcern())
                    .isEqualTo(WriteConcern.MAJORITY.withJournal(true));
        }
        try (MongoStore store = new MongoStore("mongodb://127.0.0.1:9/mallard?w=1&journal=true")) {
            MongoCollection<Document> messages = store.database().getCollection("messages");
            assertThat(MongoStore.followed(messages).getWriteConcern().getJournal()).isTrue();
        }
    }

    @Test
    void onTheEmbeddedStoreAFollowedStepGoesUnjournaledAndEverythingElseJournaled() {
        try (MongoStore store = MongoStore.embedded("mongodb://127.0.0.1:9/mallard")) {
            MongoCollection<Document> messages = store.database().getCollection("messages");
            assertThat(messages.getWriteConcern().getJournal()).isTrue();
            assertThat(MongoStore.followed(messages).getWriteConcern().getJournal()).isFalse();
        }
    }
}
