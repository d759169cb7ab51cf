package io.mallard.model.store.embedded;

import java.util.Map;
import java.util.function.Supplier;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * An H2 map that hands every change it applies to the store's {@link WriteAheadLog}, as the
 * key's value after the change: replaying those in order sets each key as the last one left it,
 * whatever state between two checkpoints the file was in. Every write of a map goes through
 * {@link #operate} (put, remove, putIfAbsent and replace all do) or {@link #clear}.
 */
final class LoggedMap<K, V> extends MVMap<K, V> {

    /**
     * What a map holds, which fixes its key and value types; the log records it beside the map's
     * name, so replay opens a map that is not open yet with the types it was written with.
     */
    enum Kind {
        /** A collection's documents by id. */
        DATA(DocumentIdType::new, BsonDocumentType::new),
        /** An ordered index: keys to document ids, or to {@code true}. */
        INDEX(KeyValueType::new, DocumentIdType::new),
        /** A collection's metadata (the library's data size), H2's default types. */
        META(ObjectDataType::new, ObjectDataType::new);

        private final Supplier<DataType<?>> keyType;
        private final Supplier<DataType<?>> valueType;

        Kind(Supplier<DataType<?>> keyType, Supplier<DataType<?>> valueType) {
            this.keyType = keyType;
            this.valueType = valueType;
        }
    }

    private final WriteAheadLog log;
    private final Kind kind;

    private LoggedMap(Map<String, Object> config, DataType<K> keyType, DataType<V> valueType, WriteAheadLog log,
                      Kind kind) {
        super(config, keyType, valueType);
        this.log = log;
        this.kind = kind;
    }

    /** The map of that name, opened with the kind's types; H2 returns a map already open as it is. */
    @SuppressWarnings("unchecked")
    static <K, V> LoggedMap<K, V> open(MVStore store, String name, Kind kind, WriteAheadLog log) {
        Builder<K, V> builder = new Builder<>(log, kind);
        builder.keyType((DataType<? super K>) kind.keyType.get()).valueType((DataType<? super V>) kind.valueType.get());
        return (LoggedMap<K, V>) store.openMap(name, builder);
    }

    Kind kind() {
        return kind;
    }

    @Override
    public V operate(K key, V value, DecisionMaker<? super V> decisionMaker) {
        V previous = super.operate(key, value, decisionMaker);
        if (decisionMaker == DecisionMaker.PUT) {
            log.put(this, key, value);
        } else if (decisionMaker == DecisionMaker.REMOVE) {
            if (previous != null) {
                log.remove(this, key);
            }
        } else {
            // putIfAbsent, replace and the like: whatever they decided, the key now holds this
            V now = get(key);
            if (now == null) {
                log.remove(this, key);
            } else {
                log.put(this, key, now);
            }
        }
        return previous;
    }

    @Override
    public void clear() {
        super.clear();
        log.clear(this);
    }

    private static final class Builder<K, V> extends MVMap.Builder<K, V> {

        private final WriteAheadLog log;
        private final Kind kind;

        Builder(WriteAheadLog log, Kind kind) {
            this.log = log;
            this.kind = kind;
        }

        @Override
        protected MVMap<K, V> create(Map<String, Object> config) {
            return new LoggedMap<>(config, getKeyType(), getValueType(), log, kind);
        }
    }
}
