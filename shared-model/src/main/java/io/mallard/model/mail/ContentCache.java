package io.mallard.model.mail;

import java.nio.ByteBuffer;
import java.util.List;

import org.bson.types.ObjectId;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * The original bytes of messages read lately, whole, by message id, up to a total size: a client
 * that downloads a maildrop again, or a second device doing so, is answered without the store
 * sending the same bytes again (for the embedded store, without encoding and decoding them again
 * in this process). A message's bytes never change once stored, so an entry is never stale; a
 * removed message's entry just waits to be evicted, and readers ask the store whether a message is
 * still there. Caffeine's admission policy keeps one pass over a large mailbox from flushing what
 * is read often. Its hits, misses, evictions and size are the {@code cache.*} meters tagged
 * {@code cache=mallard.content}.
 */
public final class ContentCache implements MeterBinder {

    /** Keeps nothing. */
    public static final ContentCache NONE = new ContentCache(0);

    private final Cache<ObjectId, List<ByteBuffer>> cache;

    /** @param maxBytes the most message content held at once; 0 keeps nothing */
    public ContentCache(long maxBytes) {
        // Evicting on the thread that puts keeps the bytes held within the bound as they arrive,
        // and wakes no pool thread beside the sessions.
        this.cache = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumWeight(maxBytes)
                .weigher((ObjectId id, List<ByteBuffer> bytes) -> weight(bytes))
                .recordStats()
                .build();
    }

    /** The bytes of {@code message}, read-only, as {@link #put} was given them; null when not held. */
    List<ByteBuffer> get(ObjectId message) {
        return cache.getIfPresent(message);
    }

    /** Keeps the whole original bytes of {@code message}; the buffers must not change afterwards. */
    void put(ObjectId message, List<ByteBuffer> bytes) {
        cache.put(message, bytes);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, cache, "mallard.content");
    }

    private static int weight(List<ByteBuffer> bytes) {
        long total = 0;
        for (ByteBuffer buffer : bytes) {
            total += buffer.remaining();
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }
}
