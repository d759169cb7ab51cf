package io.mallard.model.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The message content kept in memory ({@code mallard.content.*}, e.g.
 * {@code MALLARD_CONTENT_CACHESIZE=256MB}; see {@link io.mallard.model.mail.ContentCache}).
 *
 * @param cacheSize the most content held at once, per process; 0 turns the cache off. Unset: a
 *     sixteenth of the heap, so a pod's share follows the memory it is given.
 */
@ConfigurationProperties("mallard.content")
public record ContentCacheProperties(DataSize cacheSize) {

    public ContentCacheProperties {
        cacheSize = cacheSize == null ? DataSize.ofBytes(Runtime.getRuntime().maxMemory() / 16) : cacheSize;
    }
}
