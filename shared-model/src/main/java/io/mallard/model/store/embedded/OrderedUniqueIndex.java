package io.mallard.model.store.embedded;

import java.util.Iterator;
import java.util.List;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.OptionalLong;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A unique index kept in a map ordered by value, so that besides exact lookups it serves an
 * equality prefix plus a range, such as {@code {mailbox: X, uid: {$gte: a, $lte: b}}}.
 * The library's unique index only answers a query naming every indexed field with plain values
 * (a UID range on {@code {mailbox, uid}} was a full scan), and for a regex on a field of a
 * compound index it claims the query and then throws "Not yet implemented" — the measured
 * "flat filter with a regex fails" defect. Here a compound index narrows such a query by its
 * equality prefix and leaves the regex to the matcher.
 */
final class OrderedUniqueIndex extends AbstractUniqueIndex<Object> implements OrderedIndex {

    private final MVMap<KeyValue, Object> entries;
    private volatile boolean multikey;

    /** @param multikey whether the entries already on disk came from array values */
    OrderedUniqueIndex(MVMap<KeyValue, Object> entries, String name, List<IndexKey> keys, boolean sparse,
                       boolean multikey) {
        super(name, keys, sparse);
        this.entries = entries;
        this.multikey = multikey;
    }

    @Override
    public OptionalLong candidates(Document query) {
        return KeySpans.candidates(query, keys(), multikey, entries);
    }

    @Override
    public Optional<Iterator<Object>> positionsInOrder(Document query, Document orderBy) {
        return multikey ? Optional.empty() : spans(query).flatMap(spans ->
                spans.inOrder(orderBy, keys(), entries, (key, position) -> position));
    }

    @Override
    public Document residual(Document query) {
        return multikey ? query : spans(query).map(spans -> spans.residual(query, keys())).orElse(query);
    }

    private Optional<KeySpans> spans(Document query) {
        return KeySpans.of(query, keys(), multikey);
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return spans(query).isPresent() || (!isCompoundIndex() && super.canHandle(query));
    }

    /** Ranges and {@code $in} here; regex on a single field stays with the library. */
    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        Optional<KeySpans> spans = spans(query);
        return spans.isPresent() ? spans.get().positions(entries, (key, position) -> position) : super.getPositions(query);
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        super.add(document, position, collection);
        if (getKeyValues(document).size() > 1) {
            multikey = true;
        }
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return entries.remove(keyValue);
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return entries.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return entries.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return entries.get(keyValue);
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
