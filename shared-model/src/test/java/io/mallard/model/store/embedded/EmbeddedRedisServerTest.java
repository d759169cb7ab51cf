package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.lettuce.core.RedisClient;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedRedisServerTest {

    @TempDir
    Path dataDir;

    @Test
    void aRedisServerOrphanedByAKilledProcessIsStoppedBeforeTheNextStartAndItsWritesKept() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RedisWritesThenHangs.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals(RedisWritesThenHangs.WRITTEN)) {
                // skip the child's log lines
            }
            assertThat(line).isEqualTo(RedisWritesThenHangs.WRITTEN);
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        ProcessHandle orphan = ProcessHandle.of(Long.parseLong(
                Files.readString(dataDir.resolve("redis-server.pid")).trim())).orElseThrow();
        assertThat(orphan.isAlive()).isTrue();

        try (EmbeddedRedisServer server = EmbeddedRedisServer.start(dataDir)) {
            assertThat(orphan.isAlive()).isFalse();
            RedisClient client = RedisClient.create(server.uri());
            try {
                assertThat(client.connect().sync().get("written-before-kill")).isEqualTo("yes");
            } finally {
                client.shutdown();
            }
        } finally {
            orphan.destroyForcibly();
        }
    }
}
