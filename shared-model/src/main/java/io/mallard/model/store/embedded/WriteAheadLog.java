package io.mallard.model.store.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;

/**
 * The embedded store's redo log: each change a {@link LoggedMap} applies, as the key's new value,
 * appended to a file beside the store's and forced to disk before a write is acknowledged. The
 * store file itself is written only at a {@link #checkpoint}, a few seconds apart.
 * <p>
 * An MVStore commit rewrites every page a change touched, whole: with a commit forced per
 * acknowledged write, an APPEND rewrote the leaf pages of the message's seven indexes, its
 * document's page and the journal's, compressed, and commits were 18% of the CPU of the IMAP
 * benchmark at ten clients. Here an acknowledged write costs the bytes of what it changed; the
 * pages change many times between two checkpoints and are written once.
 * <p>
 * The log is a series of files, {@code <store>.wal.<generation>}. A checkpoint starts a new
 * file, records that generation in the store, commits and forces the store, then deletes the
 * older files. Opening replays, in order, every file from the generation the store recorded:
 * a change applied before the checkpoint is replayed too, which sets its key to a value that
 * a later change in the log then overwrites, so the store ends as the log's last changes left
 * it. Each forced write is one frame (length, CRC-32C, changes): a frame cut short by a crash
 * was never acknowledged, and replay stops there.
 */
final class WriteAheadLog implements AutoCloseable {

    private static final byte PUT = 1;
    private static final byte REMOVE = 2;
    private static final byte CLEAR = 3;
    private static final int FRAME_HEADER = 8;
    /** A plain map: '$' cannot start a database's name, so no database's maps are named like it. */
    private static final String GENERATIONS = "$wal";
    private static final String GENERATION = "generation";

    private record Change(LoggedMap<?, ?> map, byte op, Object key, Object value) {
    }

    private final MVStore store;
    private final Path directory;
    private final String prefix;
    private final MVMap<String, Long> generations;

    private final Object appendLock = new Object();
    /** Changes applied but not yet written, in the order applied; guarded by {@link #appendLock}. */
    private List<Change> pending = new ArrayList<>();
    /** Changes ever appended; guarded by {@link #appendLock}. */
    private long appended;
    private volatile long appendedAtCheckpoint;

    /** Held while a frame is written and forced, and while the file is switched. */
    private final ReentrantLock flushLock = new ReentrantLock();
    private final WriteBuffer frame = new WriteBuffer(64 * 1024);
    private volatile long flushed;
    private FileChannel file;
    private long generation;
    /** A write or force that failed: the file may end in a torn frame, so nothing after it can count. */
    private IOException failure;

    private final ReentrantLock checkpointLock = new ReentrantLock();
    private volatile long bytesSinceCheckpoint;
    private volatile long checkpointedAt = System.nanoTime();
    private volatile boolean replaying;

    private WriteAheadLog(MVStore store, Path storeFile) {
        this.store = store;
        this.directory = storeFile.toAbsolutePath().getParent();
        this.prefix = storeFile.getFileName() + ".wal.";
        this.generations = store.openMap(GENERATIONS);
    }

    /**
     * Replays the log of the store whose file is {@code storeFile}, checkpoints what it replayed
     * and opens a new file for what comes next. Replay opens the maps it changes, as
     * {@link LoggedMap}s of this log; a database opened after finds them open.
     */
    static WriteAheadLog open(MVStore store, Path storeFile) {
        WriteAheadLog log = new WriteAheadLog(store, storeFile);
        long from = log.generations.getOrDefault(GENERATION, 0L);
        List<Long> existing = log.generationsOnDisk();
        log.replaying = true;
        List<Long> replayed = existing.stream().filter(generation -> generation >= from).toList();
        for (int i = 0; i < replayed.size(); i++) {
            log.replay(log.path(replayed.get(i)), i == replayed.size() - 1);
        }
        log.replaying = false;
        long next = Math.max(from, existing.isEmpty() ? 0 : existing.get(existing.size() - 1)) + 1;
        log.file = log.create(next);
        log.generation = next;
        log.checkpoint();
        return log;
    }

    void put(LoggedMap<?, ?> map, Object key, Object value) {
        append(new Change(map, PUT, key, value));
    }

    void remove(LoggedMap<?, ?> map, Object key) {
        append(new Change(map, REMOVE, key, null));
    }

    void clear(LoggedMap<?, ?> map) {
        append(new Change(map, CLEAR, null, null));
    }

    /**
     * Called right after the map applied the change, inside the collection's write lock: two
     * changes of one key are appended in the order they were applied.
     */
    private void append(Change change) {
        if (replaying) {
            return;
        }
        synchronized (appendLock) {
            pending.add(change);
            appended++;
        }
    }

    /** How many changes have been appended so far: a position for {@link #flush}. */
    long appended() {
        synchronized (appendLock) {
            return appended;
        }
    }

    /**
     * Returns once the first {@code upTo} changes are on the device. Concurrent callers share the
     * work: whoever takes the lock writes every change appended so far as one frame, and those it
     * covered find their changes flushed when they get the lock.
     */
    void flush(long upTo) {
        if (flushed >= upTo) {
            return;
        }
        flushLock.lock();
        try {
            if (flushed < upTo) {
                writePending();
            }
        } finally {
            flushLock.unlock();
        }
    }

    private void writePending() {
        if (failure != null) {
            throw new UncheckedIOException("the write-ahead log failed earlier; restart to recover", failure);
        }
        List<Change> batch;
        long upTo;
        synchronized (appendLock) {
            batch = pending;
            pending = new ArrayList<>();
            upTo = appended;
        }
        if (!batch.isEmpty()) {
            try {
                ByteBuffer bytes = encode(batch);
                int length = bytes.remaining();
                while (bytes.hasRemaining()) {
                    file.write(bytes);
                }
                file.force(false);
                bytesSinceCheckpoint += length;
            } catch (IOException e) {
                failure = e;
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                failure = new IOException("a change could not be encoded", e);
                throw e;
            }
        }
        flushed = upTo;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ByteBuffer encode(List<Change> batch) {
        WriteBuffer buffer = frame.clear();
        buffer.putInt(0).putInt(0);
        Map<LoggedMap<?, ?>, byte[]> names = new IdentityHashMap<>();
        for (Change change : batch) {
            byte[] name = names.computeIfAbsent(change.map(), map -> {
                String mapName = map.getName();
                return mapName == null ? new byte[0] : mapName.getBytes(StandardCharsets.UTF_8);
            });
            if (name.length == 0) {
                continue; // the map was removed since: its removal is checkpointed
            }
            buffer.put(change.op()).put((byte) change.map().kind().ordinal()).putVarInt(name.length).put(name);
            if (change.op() != CLEAR) {
                ((DataType) change.map().getKeyType()).write(buffer, change.key());
            }
            if (change.op() == PUT) {
                ((DataType) change.map().getValueType()).write(buffer, change.value());
            }
        }
        ByteBuffer bytes = buffer.getBuffer();
        int end = bytes.position();
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate().position(FRAME_HEADER).limit(end));
        buffer.putInt(0, end - FRAME_HEADER).putInt(4, (int) crc.getValue());
        return bytes.duplicate().position(0).limit(end);
    }

    /** Whether enough was logged, or long enough ago, for the store file to take it in. */
    boolean checkpointDue(long maxBytes, long maxNanos) {
        boolean changed;
        synchronized (appendLock) {
            changed = appended > appendedAtCheckpoint;
        }
        return changed && (bytesSinceCheckpoint >= maxBytes || System.nanoTime() - checkpointedAt >= maxNanos);
    }

    /**
     * Writes everything applied so far into the store file and drops the log files it covers.
     * The new file is started first: every change appended after that goes to it, and every one
     * before is applied before the commit begins, so the commit holds it. When no map changed
     * since the last checkpoint (H2 counts a map created, renamed or removed too) there is nothing
     * to take in: each start ran 28 checkpoints for index creations that found their indexes there.
     */
    void checkpoint() {
        checkpointLock.lock();
        try {
            if (!store.hasUnsavedChanges()) {
                return;
            }
            long appendedBefore;
            long current;
            flushLock.lock();
            try {
                writePending();
                appendedBefore = flushed;
                FileChannel next = create(generation + 1);
                file.close();
                file = next;
                current = ++generation;
                bytesSinceCheckpoint = 0;
            } catch (IOException e) {
                failure = e;
                throw new UncheckedIOException(e);
            } finally {
                flushLock.unlock();
            }
            generations.put(GENERATION, current);
            store.commit();
            store.sync();
            appendedAtCheckpoint = appendedBefore;
            checkpointedAt = System.nanoTime();
            for (long older : generationsOnDisk()) {
                if (older < current) {
                    Files.deleteIfExists(path(older));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            checkpointLock.unlock();
        }
    }

    @Override
    public void close() {
        flushLock.lock();
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            flushLock.unlock();
        }
    }

    private void replay(Path path, boolean last) {
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, LoggedMap<Object, Object>> maps = new HashMap<>();
        while (bytes.remaining() >= FRAME_HEADER) {
            int length = bytes.getInt();
            int expected = bytes.getInt();
            if (length < 0 || length > bytes.remaining()) {
                break;
            }
            ByteBuffer changes = bytes.slice(bytes.position(), length);
            CRC32C crc = new CRC32C();
            crc.update(changes.duplicate());
            if ((int) crc.getValue() != expected) {
                break;
            }
            apply(changes, maps);
            bytes.position(bytes.position() + length);
        }
        if (bytes.hasRemaining() && !last) {
            // a file is forced whole before the next one starts: a torn frame here is damage
            throw new IllegalStateException("the write-ahead log " + path + " ends in a damaged frame, and "
                    + "a later file follows it");
        }
    }

    private void apply(ByteBuffer changes, Map<String, LoggedMap<Object, Object>> maps) {
        while (changes.hasRemaining()) {
            byte op = changes.get();
            LoggedMap.Kind kind = LoggedMap.Kind.values()[changes.get()];
            byte[] name = new byte[DataUtils.readVarInt(changes)];
            changes.get(name);
            LoggedMap<Object, Object> map = maps.computeIfAbsent(new String(name, StandardCharsets.UTF_8),
                    mapName -> LoggedMap.open(store, mapName, kind, this));
            switch (op) {
                case PUT -> map.put(map.getKeyType().read(changes), map.getValueType().read(changes));
                case REMOVE -> map.remove(map.getKeyType().read(changes));
                case CLEAR -> map.clear();
                default -> throw new IllegalStateException("unknown change " + op + " in the write-ahead log");
            }
        }
    }

    private List<Long> generationsOnDisk() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith(prefix) && name.substring(prefix.length()).chars()
                            .allMatch(Character::isDigit) && name.length() > prefix.length())
                    .map(name -> Long.parseLong(name.substring(prefix.length())))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path path(long generation) {
        return directory.resolve(prefix + generation);
    }

    /** A new file, its name forced into the directory so that it outlives a power cut as its contents will. */
    private FileChannel create(long generation) {
        try {
            FileChannel created = FileChannel.open(path(generation), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            try (FileChannel parent = FileChannel.open(directory, StandardOpenOption.READ)) {
                parent.force(true);
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
