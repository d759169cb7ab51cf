package io.mallard.model.store.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The spans of an ordered index that hold every document a query can match: the one
 * {@link KeyRange} of its equality prefix and range, or, when the query lists the values of the
 * first field after that prefix with {@code $in}, one span per value. The library answers
 * {@code $in} only on a single-field index, so the GridFS chunks of several files
 * ({@code {files_id: {$in: [...]}}} on {@code {files_id, n}}) were a scan of every chunk, and a
 * thread looked up by its message ids ({@code {user, ids: {$in: [...]}}} on {@code {user, ids}})
 * a scan of every thread of the user, at each delivery.
 */
record KeySpans(List<KeyRange> ranges) {

    /** Empty when the index cannot narrow the query. */
    static Optional<KeySpans> of(Document query, List<String> fields, boolean multikey) {
        Optional<KeyRange> range = KeyRange.of(query, fields, multikey);
        int next = range.map(KeyRange::fixed).orElse(0);
        Optional<List<Object>> values = next < fields.size() ? KeyRange.inValues(query, fields.get(next))
                : Optional.empty();
        if (values.isEmpty()) {
            return range.map(only -> new KeySpans(List.of(only)));
        }
        List<KeyRange> ranges = new ArrayList<>(values.get().size());
        for (Object value : values.get()) {
            ranges.add(KeyRange.of(query, fields, multikey, next, value).orElseThrow());
        }
        return Optional.of(new KeySpans(ranges));
    }

    /** How many of an ordered index's entries the query spans; empty when the index cannot narrow it. */
    static OptionalLong candidates(Document query, List<String> fields, boolean multikey, MVMap<KeyValue, ?> entries) {
        return of(query, fields, multikey).map(spans -> OptionalLong.of(spans.count(entries))).orElse(OptionalLong.empty());
    }

    long count(MVMap<KeyValue, ?> entries) {
        long count = 0;
        for (KeyRange range : ranges) {
            count += range.count(entries);
        }
        return count;
    }

    /**
     * The positions in the spans, each once: a document of a multikey index can lie in the spans
     * of two listed values (within one span, an equality or a range on a single-valued index, it
     * cannot).
     *
     * @param position a document's position from an entry's key and value
     */
    <V> Collection<Object> positions(MVMap<KeyValue, V> entries, BiFunction<KeyValue, V, Object> position) {
        Collection<Object> positions = ranges.size() == 1 ? new ArrayList<>() : new LinkedHashSet<>();
        for (KeyRange range : ranges) {
            Cursor<KeyValue, V> cursor = entries.cursor(range.from(), range.to(), false);
            while (cursor.hasNext()) {
                KeyValue key = cursor.next();
                positions.add(position.apply(key, cursor.getValue()));
            }
        }
        return positions;
    }

    /** See {@link KeyRange#inOrder}; one span only: the spans of several values are not in a one-field order. */
    <V> Optional<Iterator<Object>> inOrder(Document orderBy, List<String> fields, MVMap<KeyValue, V> entries,
                                           BiFunction<KeyValue, V, Object> position) {
        return ranges.size() == 1 ? ranges.get(0).inOrder(orderBy, fields, entries, position) : Optional.empty();
    }

    /** See {@link KeyRange#residual}; with several spans the whole query, {@code $in} included, is checked. */
    Document residual(Document query, List<String> fields) {
        return ranges.size() == 1 ? ranges.get(0).residual(query, fields) : query;
    }
}
