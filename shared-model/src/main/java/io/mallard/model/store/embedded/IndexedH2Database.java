package io.mallard.model.store.embedded;

import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * An H2 database whose collections are {@link IndexedH2Collection}s and whose indexes, unique or
 * not, live in value-ordered maps. The map names differ from the library's
 * ({@code ._ordered_index_} instead of {@code ._index_}), so a data file written by the plain
 * backend gets its indexes rebuilt from the documents on first open instead of being read in the
 * library's byte order. A {@code countDocuments} aggregation is answered through those indexes
 * too ({@link CountPipeline}).
 */
final class IndexedH2Database extends H2Database {

    /** Prefixes and infix of the map names: the library's for data and meta, its own for indexes. */
    private static final String DATA = "databases.";
    private static final String META = "meta.";
    private static final String ORDERED_INDEX = "._ordered_index_";

    private record Storage(MVStore store, WriteAheadLog log) {
    }

    // H2Database's constructor opens the existing collections and indexes through the overrides
    // below, before this class's fields are assigned; the store reaches them through this.
    private static final ThreadLocal<Storage> OPENING = new ThreadLocal<>();

    private final Storage storage;

    private IndexedH2Database(String databaseName, Storage storage, CursorRegistry cursorRegistry) {
        super(databaseName, storage.store(), cursorRegistry);
        this.storage = storage;
    }

    static IndexedH2Database open(String databaseName, MVStore mvStore, WriteAheadLog log,
                                  CursorRegistry cursorRegistry) {
        Storage storage = new Storage(mvStore, log);
        OPENING.set(storage);
        try {
            return new IndexedH2Database(databaseName, storage, cursorRegistry);
        } finally {
            OPENING.remove();
        }
    }

    private Storage storage() {
        return storage != null ? storage : OPENING.get();
    }

    private MVStore store() {
        return storage().store();
    }

    /** Every map a collection writes logs its changes ({@link LoggedMap}). */
    private <K, V> MVMap<K, V> openMap(String name, LoggedMap.Kind kind) {
        return LoggedMap.open(store(), name, kind, storage().log());
    }

    /**
     * Runs each command with the store's current version registered as in use. H2 frees the
     * chunks of a version once the store has moved five versions on, and reuses their space at
     * once ({@link DurableH2Backend#open}); queries read without the collection's lock
     * ({@link IndexedH2Collection}), and a read that walked a B-tree while commits went by met a
     * page in a freed chunk ("Chunk 1462 not found": eight writers appending beside two readers,
     * once commits and disk syncs overlapped). A registered version keeps its chunks until the
     * command ends.
     */
    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                  Oplog oplog) {
        MVStore store = store();
        MVStore.TxCounter version = store.registerVersionUsage();
        try {
            return answer(channel, command, query, databaseResolver, oplog);
        } finally {
            store.deregisterVersionUsage(version);
        }
    }

    private Document answer(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                            Oplog oplog) {
        if (command.equalsIgnoreCase("aggregate") && query.get("aggregate") instanceof String collectionName) {
            var count = CountPipeline.of(query);
            if (count.isPresent()) {
                return count.get().answer(resolveCollection(collectionName, false),
                        getFullCollectionNamespace(collectionName));
            }
        }
        if (!SharedReads.allows(command, query)) {
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        }
        return SharedReads.during(() -> super.handleCommand(channel, command, query, databaseResolver, oplog));
    }

    /**
     * The same data and meta maps as the library's collection, so existing files open unchanged;
     * the documents are written as BSON ({@link BsonDocumentType}) and ObjectId ids as their
     * bytes ({@link DocumentIdType}), both of which still read the library's format. The
     * library's drop and rename open these maps again by name alone, and get this instance back:
     * H2 returns a map that is already open.
     */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = openMap(DATA + namespace, LoggedMap.Kind.DATA);
        MVMap<String, Object> metaMap = openMap(META + namespace, LoggedMap.Kind.META);
        return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    /**
     * The library's H2 rename opens the maps by the collection's name after renaming the
     * collection, i.e. by the new name: it created empty maps there and left the documents under
     * the old one, so a renamed collection (or a {@code $out} target) was empty after a restart.
     * This moves the maps themselves, index maps included, onto the new name.
     */
    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String from = collection.getFullName();
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String to = collection.getFullName();
        MVStore store = store();
        List<String> moved = new ArrayList<>(List.of(DATA + from, META + from));
        store.getMapNames().stream().filter(name -> name.startsWith(from + ORDERED_INDEX)).forEach(moved::add);
        for (String name : moved) {
            int at = name.indexOf(from);
            String target = name.substring(0, at) + to + name.substring(at + from.length());
            // the library's empty map, or an index map left by a collection of that name
            store.removeMap(target);
            store.renameMap(store.openMap(name), target);
        }
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        MVMap<KeyValue, Object> entries = openIndexMap(collectionName, indexName);
        return new OrderedUniqueIndex(entries, indexName, keys, sparse, hasMultikeyEntries(collectionName, entries));
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        MVMap<KeyValue, Boolean> entries = openIndexMap(collectionName, indexName);
        return new OrderedSecondaryIndex(entries, indexName, keys, sparse, document -> document.get("_id"),
                hasMultikeyEntries(collectionName, entries));
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        store().removeMap(indexMapName(collection.getCollectionName(), indexName));
    }

    /** The values are the documents' ids (unique indexes) or {@code true} (the others). */
    private <V> MVMap<KeyValue, V> openIndexMap(String collectionName, String indexName) {
        return openMap(indexMapName(collectionName, indexName), LoggedMap.Kind.INDEX);
    }

    private String indexMapName(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + ORDERED_INDEX + indexName;
    }

    /**
     * One entry per document unless some document had an array value (or, for a sparse index,
     * lacked the fields); either way range scans are then not safe, see {@link KeyRange}.
     * An empty map is about to be built from the documents, which sets the flag as it goes.
     */
    private boolean hasMultikeyEntries(String collectionName, MVMap<KeyValue, ?> entries) {
        if (entries.isEmpty()) {
            return false;
        }
        MongoCollection<Object> collection = resolveCollection(collectionName, false);
        return collection == null || entries.sizeAsLong() != collection.count();
    }
}
