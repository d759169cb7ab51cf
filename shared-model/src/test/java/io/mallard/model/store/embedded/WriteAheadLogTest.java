package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {

    private static final String MAP = "meta.db.things";

    @TempDir
    Path dir;

    @Test
    void aFrameCutShortByACrashIsDroppedAndEveryFrameBeforeItIsReplayed() throws IOException {
        writeThenCrash(3);
        Path newest = logFiles().get(logFiles().size() - 1);
        try (RandomAccessFile file = new RandomAccessFile(newest.toFile(), "rw")) {
            file.setLength(file.length() - 1);
        }

        MVStore store = open();
        WriteAheadLog log = WriteAheadLog.open(store, storeFile());
        MVMap<Object, Object> things = LoggedMap.open(store, MAP, LoggedMap.Kind.META, log);
        assertThat(things).containsEntry("thing0", 0L).containsEntry("thing1", 1L).doesNotContainKey("thing2");
        log.close();
        store.close();
    }

    @Test
    void aDamagedFrameWithALaterFileAfterItKeepsTheStoreFromOpening() throws IOException {
        writeThenCrash(2);
        Path written = logFiles().get(logFiles().size() - 1);
        String name = written.getFileName().toString();
        long generation = Long.parseLong(name.substring(name.lastIndexOf('.') + 1));
        Files.copy(written, written.resolveSibling(name.substring(0, name.lastIndexOf('.') + 1) + (generation + 1)));
        try (RandomAccessFile file = new RandomAccessFile(written.toFile(), "rw")) {
            file.seek(12); // inside the first frame's changes
            int b = file.read();
            file.seek(12);
            file.write(b ^ 0xFF);
        }

        MVStore store = open();
        assertThatThrownBy(() -> WriteAheadLog.open(store, storeFile()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged frame");
        store.closeImmediately();
    }

    @Test
    void aCheckpointPutsTheChangesIntoTheStoreFileAndDropsTheLogFilesItCovers() throws IOException {
        MVStore store = open();
        WriteAheadLog log = WriteAheadLog.open(store, storeFile());
        MVMap<Object, Object> things = LoggedMap.open(store, MAP, LoggedMap.Kind.META, log);
        things.put("kept", 1L);
        things.put("removed", 2L);
        things.remove("removed");
        log.checkpoint();
        log.close();
        store.closeImmediately();

        assertThat(logFiles()).hasSize(1);
        assertThat(Files.size(logFiles().get(0))).isZero();
        MVStore plain = open();
        assertThat(plain.<Object, Object>openMap(MAP)).containsOnlyKeys("kept");
        plain.close();
    }

    @Test
    void aCheckpointWithNoChangeSinceTheLastOneStartsNoNewLogFile() throws IOException {
        MVStore store = open();
        WriteAheadLog log = WriteAheadLog.open(store, storeFile());
        MVMap<Object, Object> things = LoggedMap.open(store, MAP, LoggedMap.Kind.META, log);
        things.put("thing", 1L);
        log.checkpoint();
        List<Path> afterChange = logFiles();
        log.checkpoint();
        log.checkpoint();

        assertThat(logFiles()).isEqualTo(afterChange).hasSize(1);
        log.close();
        store.close();
    }

    /** Puts {@code count} entries, each forced as a frame of its own, and stops without closing the store. */
    private void writeThenCrash(int count) {
        MVStore store = open();
        WriteAheadLog log = WriteAheadLog.open(store, storeFile());
        MVMap<Object, Object> things = LoggedMap.open(store, MAP, LoggedMap.Kind.META, log);
        for (long i = 0; i < count; i++) {
            things.put("thing" + i, i);
            log.flush(log.appended());
        }
        log.close();
        store.closeImmediately();
    }

    private MVStore open() {
        return new MVStore.Builder().fileName(storeFile().toString()).autoCommitDisabled().open();
    }

    private Path storeFile() {
        return dir.resolve("store.mv");
    }

    private List<Path> logFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(path -> path.getFileName().toString().startsWith("store.mv.wal.")).sorted().toList();
        }
    }
}
