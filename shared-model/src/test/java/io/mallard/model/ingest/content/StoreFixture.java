package io.mallard.model.ingest.content;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.bson.Document;

import io.mallard.model.config.MallardProperties;
import io.mallard.model.store.CollectionIndexes;
import io.mallard.model.store.Stores;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An embedded store with the content collections' indexes, for the content tests. */
final class StoreFixture implements AutoCloseable {

    final Stores stores;
    final MessageContentStore content;

    StoreFixture(Path dataDir) {
        stores = Stores.open(MallardProperties.embeddedIn(dataDir));
        CollectionIndexes.ensure(stores.mongo().database(), MessageContentStore.collections()).block();
        content = new MessageContentStore(new AttachmentStore(stores.mongo().database()));
    }

    long count(String collection) {
        return Mono.from(stores.mongo().database().getCollection(collection).countDocuments()).block();
    }

    Document attachment(String hash) {
        return Mono.from(stores.mongo().database().getCollection(AttachmentStore.COLLECTION)
                .find(new Document("_id", hash)).first()).block();
    }

    static byte[] join(Flux<ByteBuffer> buffers) {
        return buffers.reduce(new java.io.ByteArrayOutputStream(), (out, buffer) -> {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            out.writeBytes(bytes);
            return out;
        }).map(java.io.ByteArrayOutputStream::toByteArray).defaultIfEmpty(new byte[0]).block();
    }

    @Override
    public void close() {
        stores.close();
    }
}
