package io.mallard.model.store.embedded;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The H2 backend with indexed databases and durable acknowledgements: a write command's reply
 * leaves only after its changes are committed to the MVStore file and forced to disk.
 * By default an MVStore commits lazily (auto-commit delay of one second), so a process killed
 * right after an acknowledged write lost it. Concurrent writers share one commit: whoever takes
 * the lock commits everything applied so far, and those already covered go on to wait for the
 * disk. Writing a commit and forcing the previous one to disk overlap ({@link #commitApplied}).
 */
final class DurableH2Backend extends H2Backend {

    /** Commands that change data; compared in lower case, as the library matches them ignoring case. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");

    private final AtomicLong writesApplied = new AtomicLong();
    /** Held while a commit serializes the changed pages into a chunk and hands it to the file. */
    private final ReentrantLock commitLock = new ReentrantLock();
    /** Held while the file is forced to the device. */
    private final ReentrantLock syncLock = new ReentrantLock();
    private volatile long writesCommitted;
    private long writesDurable;

    DurableH2Backend(MVStore mvStore) {
        super(mvStore);
    }

    /**
     * The auto-commit thread is off: every write is committed by {@link #handleCommand} itself,
     * synchronously, so no background store can still be writing when a reply goes out. H2 keeps
     * dead chunks for 45 s in case the disk has not flushed them; each commit here is forced to
     * disk, so their space can be reused at once (measured: 1,200 single inserts left a 20 MiB
     * file with the default retention, 4 MiB without).
     * <p>
     * Pages are compressed (LZF): a commit rewrites each page it changed whole, index pages of
     * up to 48 keys that share their mailbox id and much of their document ids, and documents
     * that repeat their field names. In process, 16 writers of message inserts and flag updates
     * wrote 9.7 KB to disk per write against 22.7 KB uncompressed, into a file of 81 MB against
     * 205 MB (bench/RESULTS.md). Each page records whether it is compressed, so files written
     * before read as they are.
     */
    static DurableH2Backend open(String fileName) {
        MVStore store = new MVStore.Builder().fileName(fileName).autoCommitDisabled().cacheSize(cacheMegabytes())
                .compress().open();
        store.setRetentionTime(0);
        return new DurableH2Backend(store);
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
        return IndexedH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            // also after a failed command: an ordered insert that stopped at a duplicate key
            // has stored the documents before it
            if (journaled(query)) {
                commitApplied();
            }
        }
    }

    /**
     * Called once the server has stopped and its threads have ended. A command that finished
     * while a commit held the store's lock could not update H2's oldest version in use
     * ({@link IndexedH2Database#handleCommand} registers one per command), and H2 only catches up
     * at its next commit; a close with nothing left to commit then fails H2's own check that no
     * version is in use (with assertions on: "274 != 275" in a test). Registering and releasing
     * one more version brings the count up to date.
     */
    @Override
    public void close() {
        MVStore store = getMvStore();
        store.deregisterVersionUsage(store.registerVersionUsage());
        super.close();
    }

    /**
     * False for a write sent with {@code writeConcern: {j: false}} ({@link io.mallard.model.store.MongoStore#followed}):
     * its writer follows it with a journaled write before it acknowledges anything, and that
     * commit stores it too, since an MVStore commit covers every change applied before it (as
     * MongoDB's journal, written in order, does).
     */
    private static boolean journaled(Document query) {
        return !(query.get("writeConcern") instanceof Document concern) || !Boolean.FALSE.equals(concern.get("j"));
    }

    /**
     * Commits and forces to disk every write applied so far, sharing both steps with concurrent
     * writers. The two steps overlap: while one thread forces chunk N to the device, the next
     * writes chunk N + 1 (at 100 IMAP clients, a commit spent 3.4 ms serializing pages and
     * 3.9 ms in fsync, one after the other, while about 20 writers queued for the lock). A
     * committer takes the sync lock before it lets the next commit start, so when a chunk is
     * written every chunk two commits before it is on the device. That keeps H2's reuse of freed
     * space safe: a chunk freed by commit N is overwritten no earlier than commit N + 6 (the
     * store keeps {@link MVStore#getVersionsToKeep 5} versions), so a crash never loses the
     * chunks that the last durable commit still references.
     */
    private void commitApplied() {
        long mine = writesApplied.incrementAndGet();
        MVStore store = getMvStore();
        boolean syncing = false;
        if (writesCommitted < mine) {
            commitLock.lock();
            try {
                if (writesCommitted < mine) {
                    long covered = writesApplied.get();
                    // commit() only hands the new chunk to the operating system; sync() forces it to the device
                    store.commit();
                    writesCommitted = covered;
                    syncLock.lock();
                    syncing = true;
                }
            } finally {
                commitLock.unlock();
            }
        }
        if (!syncing) {
            syncLock.lock();
        }
        try {
            if (writesDurable < mine) {
                long covered = writesCommitted;
                store.sync();
                writesDurable = covered;
            }
        } finally {
            syncLock.unlock();
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
