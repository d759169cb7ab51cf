package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableH2BackendCacheTest {

    @TempDir
    Path dir;

    @Test
    void thePageCacheIsAQuarterOfTheHeapAndNeverBelowMvStoresDefault() {
        DurableH2Backend backend = DurableH2Backend.open(dir.resolve("mongo.mv").toString());
        try {
            long heapMegabytes = Runtime.getRuntime().maxMemory() / (1024 * 1024);
            assertThat(backend.getMvStore().getCacheSize()).isEqualTo(DurableH2Backend.cacheMegabytes())
                    .isEqualTo((int) Math.max(16, heapMegabytes / 4));
        } finally {
            backend.close();
        }
    }
}
