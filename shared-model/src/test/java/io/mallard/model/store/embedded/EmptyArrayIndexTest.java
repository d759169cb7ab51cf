package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;

import io.mallard.model.config.MallardProperties;
import io.mallard.model.store.Stores;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An index over an array field must still hold documents whose array is empty, or a query the
 * planner serves from that index loses them: here messages without flags in a mailbox whose
 * {@code {mailbox, flags}} index has the fewest candidates.
 */
class EmptyArrayIndexTest {

    @TempDir
    Path dir;

    @Test
    void messagesWithoutFlagsAreFoundWhateverIndexServesTheQuery() {
        try (Stores stores = Stores.open(MallardProperties.embeddedIn(dir))) {
            MongoCollection<Document> messages = stores.mongo().database().getCollection("messages");
            Flux.from(messages.createIndexes(List.of(
                    new IndexModel(Indexes.ascending("mailbox", "uid"), new IndexOptions().unique(true)),
                    new IndexModel(Indexes.ascending("mailbox", "modseq")),
                    new IndexModel(Indexes.ascending("mailbox", "flags"))))).blockLast();
            ObjectId mailbox = new ObjectId();
            for (long uid = 1; uid <= 5; uid++) {
                List<String> flags = uid == 5 ? List.of("\\Seen") : List.of();
                Mono.from(messages.insertOne(new Document("mailbox", mailbox).append("uid", uid).append("modseq", uid)
                        .append("flags", flags))).block();
            }

            assertThat(uids(messages, Filters.and(Filters.eq("mailbox", mailbox), Filters.gt("uid", 0L), Filters.lt("uid", 4L))))
                    .containsExactly(1L, 2L, 3L);
            assertThat(uids(messages, Filters.eq("mailbox", mailbox))).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(uids(messages, Filters.and(Filters.eq("mailbox", mailbox), Filters.eq("flags", "\\Seen"))))
                    .containsExactly(5L);

            Mono.from(messages.updateOne(Filters.eq("uid", 5L), new Document("$set", new Document("flags", List.of()))))
                    .block();
            assertThat(uids(messages, Filters.eq("mailbox", mailbox))).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(uids(messages, Filters.and(Filters.eq("mailbox", mailbox), Filters.eq("flags", "\\Seen"))))
                    .isEmpty();
        }
    }

    private static List<Object> uids(MongoCollection<Document> messages, org.bson.conversions.Bson filter) {
        return Flux.from(messages.find(filter).sort(Sorts.ascending("uid"))).map(d -> d.get("uid")).collectList().block();
    }
}
