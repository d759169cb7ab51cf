package io.mallard.model.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ContentCacheTest {

    @Test
    void givesBackTheBuffersItWasGiven() {
        ContentCache cache = new ContentCache(1024 * 1024);
        ObjectId message = new ObjectId();
        List<ByteBuffer> bytes = List.of(ByteBuffer.wrap(new byte[100]).asReadOnlyBuffer(), ByteBuffer.wrap(new byte[50]));

        cache.put(message, bytes);

        assertThat(cache.get(message)).isSameAs(bytes);
        assertThat(cache.get(new ObjectId())).isNull();
    }

    @Test
    void holdsNoMoreBytesThanItsSize() {
        ContentCache cache = new ContentCache(100_000);
        List<ObjectId> messages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ObjectId message = new ObjectId();
            messages.add(message);
            cache.put(message, List.of(ByteBuffer.allocate(15_000), ByteBuffer.allocate(5_000)));
        }

        long held = messages.stream().map(cache::get).filter(bytes -> bytes != null).count() * 20_000;
        assertThat(held).isBetween(60_000L, 100_000L);
    }

    @Test
    void aMessageLargerThanTheWholeCacheIsNotKept() {
        ContentCache cache = new ContentCache(10_000);
        ObjectId message = new ObjectId();

        cache.put(message, List.of(ByteBuffer.allocate(10_001)));

        assertThat(cache.get(message)).isNull();
    }

    @Test
    void noneKeepsNothing() {
        ObjectId message = new ObjectId();

        ContentCache.NONE.put(message, List.of(ByteBuffer.allocate(1)));

        assertThat(ContentCache.NONE.get(message)).isNull();
    }

    @Test
    void countsHitsAndMissesInTheMeterRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ContentCache cache = new ContentCache(1024 * 1024);
        cache.bindTo(registry);
        ObjectId message = new ObjectId();
        cache.put(message, List.of(ByteBuffer.allocate(10)));

        cache.get(message);
        cache.get(message);
        cache.get(new ObjectId());

        assertThat(registry.get("cache.gets").tags("cache", "mallard.content", "result", "hit").functionCounter().count())
                .isEqualTo(2);
        assertThat(registry.get("cache.gets").tags("cache", "mallard.content", "result", "miss").functionCounter().count())
                .isEqualTo(1);
    }
}
