package io.mallard.model.store.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The H2 backend with indexed databases and durable acknowledgements: a write command's reply
 * leaves only after its changes are in the {@link WriteAheadLog} on disk. By default an MVStore
 * commits lazily (auto-commit delay of one second), so a process killed right after an
 * acknowledged write lost it; committing the store for every write instead rewrote every page
 * the write touched. Concurrent writers share one forced write of the log, and a thread of its
 * own checkpoints the log into the store file every few seconds.
 */
final class DurableH2Backend extends H2Backend {

    private static final Logger LOG = LoggerFactory.getLogger(DurableH2Backend.class);

    /** Commands that change data; compared in lower case, as the library matches them ignoring case. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");
    /**
     * Writes that create, remove or rename maps, which the log does not record: the store file
     * takes them in at once, by a checkpoint.
     */
    private static final Set<String> STRUCTURE = Set.of("create", "createindexes", "drop", "dropindexes",
            "dropdatabase", "renamecollection");
    /**
     * A checkpoint writes each page changed since the last one once. Five seconds of log is what
     * a restart after a crash replays (at the IMAP benchmark's rate, about 3 MB).
     */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
    private static final long CHECKPOINT_BYTES = 64L << 20;

    // H2Backend's constructor opens the existing databases through openOrCreateDatabase, before
    // this class's fields are assigned; they reach the log through this.
    private static final ThreadLocal<WriteAheadLog> OPENING = new ThreadLocal<>();

    private final WriteAheadLog log;
    private final long checkpointNanos;
    private final ScheduledExecutorService checkpoints;

    private DurableH2Backend(MVStore mvStore, WriteAheadLog log, Duration checkpointInterval) {
        super(mvStore);
        this.log = log;
        this.checkpointNanos = checkpointInterval.toNanos();
        this.checkpoints = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-store-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        checkpoints.scheduleWithFixedDelay(this::checkpointIfDue, 200, 200, TimeUnit.MILLISECONDS);
    }

    /**
     * The auto-commit thread is off: the store file is written by checkpoints only. H2 keeps dead
     * chunks for 45 s in case the disk has not flushed them; each checkpoint is forced to disk,
     * so their space can be reused at once (measured: 1,200 single inserts left a 20 MiB file
     * with the default retention, 4 MiB without).
     * <p>
     * Pages are compressed (LZF): a checkpoint rewrites each page it changed whole, index pages of
     * up to 48 keys that share their mailbox id and much of their document ids, and documents
     * that repeat their field names. In process, 16 writers of message inserts and flag updates
     * wrote 9.7 KB to disk per write against 22.7 KB uncompressed, into a file of 81 MB against
     * 205 MB (bench/RESULTS.md). Each page records whether it is compressed, so files written
     * before read as they are.
     */
    static DurableH2Backend open(String fileName) {
        return open(fileName, CHECKPOINT_INTERVAL);
    }

    /** With checkpoints that far apart at most (tests take many in a short run). */
    static DurableH2Backend open(String fileName, Duration checkpointInterval) {
        MVStore store = new MVStore.Builder().fileName(fileName).autoCommitDisabled().cacheSize(cacheMegabytes())
                .compress().open();
        store.setRetentionTime(0);
        WriteAheadLog log = WriteAheadLog.open(store, Path.of(fileName));
        OPENING.set(log);
        try {
            return new DurableH2Backend(store, log, checkpointInterval);
        } finally {
            OPENING.remove();
        }
    }

    /**
     * The page cache, in MiB: a quarter of the maximum heap, never below MVStore's default of
     * 16 MiB. The cache only fills with pages read, and H2 sizes it by the documents' heap
     * ({@link BsonDocumentType#getMemory}). With the default, 100 IMAP clients of 200 messages
     * each missed it so often that re-reading and decoding pages from the file was 39% of the CPU
     * samples and two thirds of all allocation (JFR; 1.4 GB allocated per second); a sixteenth of
     * the heap (H2's own database default) still held only part of those mailboxes.
     */
    static int cacheMegabytes() {
        return (int) Math.max(16, Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return IndexedH2Database.open(databaseName, getMvStore(), log != null ? log : OPENING.get(),
                getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (!WRITES.contains(name)) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            // also after a failed command: an ordered insert that stopped at a duplicate key
            // has stored the documents before it
            if (STRUCTURE.contains(name)) {
                log.checkpoint();
            } else if (journaled(query)) {
                log.flush(log.appended());
            }
        }
    }

    /**
     * Called once the server has stopped and its threads have ended. A command that finished
     * while a commit held the store's lock could not update H2's oldest version in use
     * ({@link IndexedH2Database#handleCommand} registers one per command), and H2 only catches up
     * at its next commit; a close with nothing left to commit then fails H2's own check that no
     * version is in use (with assertions on: "274 != 275" in a test). Registering and releasing
     * one more version brings the count up to date. The last checkpoint leaves a log to replay
     * that holds nothing.
     */
    @Override
    public void close() {
        // not shutdownNow: an interrupt inside a file operation closes H2's file channel
        checkpoints.shutdown();
        try {
            checkpoints.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MVStore store = getMvStore();
        store.deregisterVersionUsage(store.registerVersionUsage());
        log.checkpoint();
        super.close();
        log.close();
    }

    /**
     * False for a write sent with {@code writeConcern: {j: false}} ({@link io.mallard.model.store.MongoStore#followed}):
     * its writer follows it with a journaled write before it acknowledges anything, and that
     * write's flush writes it too, since the log is written in the order changes were applied
     * (as MongoDB's journal is).
     */
    private static boolean journaled(Document query) {
        return !(query.get("writeConcern") instanceof Document concern) || !Boolean.FALSE.equals(concern.get("j"));
    }

    /** A failed checkpoint leaves the log files in place; the next one tries again. */
    private void checkpointIfDue() {
        try {
            if (log.checkpointDue(CHECKPOINT_BYTES, checkpointNanos)) {
                log.checkpoint();
            }
        } catch (RuntimeException e) {
            LOG.error("checkpoint of the embedded store failed", e);
        }
    }

    /** The documents a collection has read so far, or 0 when it does not exist. */
    long documentsVisited(String databaseName, String collectionName) {
        if (!listDatabaseNames().contains(databaseName)) {
            return 0;
        }
        return resolveDatabase(databaseName).resolveCollection(collectionName, false)
                instanceof IndexedH2Collection collection ? collection.documentsVisited() : 0;
    }
}
