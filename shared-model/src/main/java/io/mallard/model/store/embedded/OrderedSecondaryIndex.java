package io.mallard.model.store.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique (possibly compound) index kept in an ordered H2 map. mongo-java-server 1.47.0
 * replaces every non-unique index by an {@code EmptyIndex} that is never maintained and never
 * used, so each query on, say, a mailbox's messages scanned the whole collection. Several
 * documents may share the indexed values, so each entry's key is the indexed values followed by
 * the document's position, which keeps entries distinct and ordered by value; the key says it
 * all, so the stored value is a one-byte marker.
 */
final class OrderedSecondaryIndex extends Index<Object> implements OrderedIndex {

    private final MVMap<KeyValue, Boolean> entries;
    private final Function<Document, Object> positionOf;
    private volatile boolean multikey;

    /**
     * @param positionOf where the collection keeps a document (its {@code _id})
     * @param multikey whether the entries already on disk came from array values
     */
    OrderedSecondaryIndex(MVMap<KeyValue, Boolean> entries, String name, List<IndexKey> keys, boolean sparse,
                          Function<Document, Object> positionOf, boolean multikey) {
        super(name, keys, sparse);
        this.entries = entries;
        this.positionOf = positionOf;
        this.multikey = multikey;
    }

    @Override
    public OptionalLong candidates(Document query) {
        return KeySpans.candidates(query, keys(), multikey, entries);
    }

    @Override
    public Optional<Iterator<Object>> positionsInOrder(Document query, Document orderBy) {
        return multikey ? Optional.empty() : spans(query).flatMap(spans ->
                spans.inOrder(orderBy, keys(), entries, (key, marker) -> key.get(key.size() - 1)));
    }

    @Override
    public Document residual(Document query) {
        return multikey ? query : spans(query).map(spans -> spans.residual(query, keys())).orElse(query);
    }

    private Optional<KeySpans> spans(Document query) {
        return KeySpans.of(query, keys(), multikey);
    }

    @Override
    public boolean canHandle(Document query) {
        return spans(query).isPresent();
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        return spans(query).orElseThrow().positions(entries, (key, marker) -> key.get(key.size() - 1));
    }

    /**
     * The library derives no key at all from an empty array, which would leave the document out
     * of the index and out of every query planned on it (a message without flags vanished from
     * its mailbox). MongoDB indexes an empty array as one undefined key; here it is one null key.
     */
    @Override
    public Set<KeyValue> getKeyValues(Document document) {
        Set<KeyValue> keyValues = super.getKeyValues(document);
        if (!keyValues.isEmpty()) {
            return keyValues;
        }
        Document filled = document.cloneDeeply();
        for (String key : keySet()) {
            if (Utils.getSubdocumentValue(document, key) instanceof Collection<?> values && values.isEmpty()) {
                Utils.changeSubdocumentValue(filled, key, null);
            }
        }
        return super.getKeyValues(filled);
    }

    /** Only the {@code _id} index answers where a document is; this one has many per key. */
    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        getKeyValues(document); // rejects parallel arrays before the document is stored
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        Set<KeyValue> keyValues = getKeyValues(document);
        if (keyValues.size() != 1) {
            multikey = true;
        }
        for (KeyValue keyValue : keyValues) {
            entries.put(entryKey(keyValue, position), Boolean.TRUE);
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = positionOf.apply(document);
        for (KeyValue keyValue : getKeyValues(document)) {
            entries.remove(entryKey(keyValue, position));
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        getKeyValues(newDocument);
    }

    /**
     * Touches only the entries that change, and adds the new ones before it removes the old: a
     * query reads the index while this runs ({@link IndexedH2Collection}), and a message that
     * keeps {@code \Seen} while it gains {@code \Flagged} must not drop out of a search for
     * {@code \Seen} meanwhile. The reader takes each position once, so a moved entry seen at
     * both keys is one document. Entries are compared in the map's order, in which {@code 1} and
     * {@code 1L} are one key.
     */
    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        if (nullAwareEqualsKeys(oldDocument, newDocument)) {
            return;
        }
        Set<KeyValue> newKeys = getKeyValues(newDocument);
        if (newKeys.size() != 1) {
            multikey = true;
        }
        Set<KeyValue> after = entryKeys(newKeys, position);
        Set<KeyValue> before = entryKeys(getKeyValues(oldDocument), position);
        for (KeyValue entry : after) {
            if (!before.contains(entry)) {
                entries.put(entry, Boolean.TRUE);
            }
        }
        for (KeyValue entry : before) {
            if (!after.contains(entry)) {
                entries.remove(entry);
            }
        }
    }

    private Set<KeyValue> entryKeys(Set<KeyValue> keyValues, Object position) {
        Set<KeyValue> keys = new TreeSet<>(entries.getKeyType()::compare);
        for (KeyValue keyValue : keyValues) {
            keys.add(entryKey(keyValue, position));
        }
        return keys;
    }

    private static KeyValue entryKey(KeyValue keyValue, Object position) {
        List<Object> values = new ArrayList<>(keyValue.size() + 1);
        keyValue.forEach(values::add);
        values.add(position);
        return new KeyValue(values);
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        // the database removes the map
    }
}
