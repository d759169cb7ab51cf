package io.mallard.model.store.embedded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The span of an ordered index that holds every document a query can match: equality on a
 * prefix of the index fields, then at most one range. Conjuncts it does not understand (regex,
 * {@code $or}, {@code $ne}, ...) are left out, which only widens the span; the collection still
 * filters every candidate with the full query, so the span only has to be a superset.
 *
 * @param from lower bound, never equal to a stored key
 * @param to upper bound, never equal to a stored key
 */
record KeyRange(KeyValue from, KeyValue to) {

    /**
     * The bounds have one value more than the index has fields, so that the padding (MinKey or
     * MaxKey) places them before or after every key that shares their prefix, whether the stored
     * keys end with the indexed values (unique index) or with the document position (secondary).
     *
     * @param fields the index fields in order
     * @param multikey whether some document has more than one key (an array value); MongoDB
     *     matches a range on an array when different elements satisfy different bounds, so a
     *     range is then not usable and only equality is
     */
    static Optional<KeyRange> of(Document query, List<String> fields, boolean multikey) {
        List<Object> from = new ArrayList<>();
        List<Object> to = new ArrayList<>();
        Object fromPadding = MinKey.getInstance();
        Object toPadding = MaxKey.getInstance();
        boolean narrowed = false;
        for (String field : fields) {
            Predicate predicate = new Predicate();
            collect(query, field, predicate);
            if (predicate.equal != null) {
                from.add(predicate.equal);
                to.add(predicate.equal);
                narrowed = true;
                continue;
            }
            if (!multikey && (predicate.lower != null || predicate.upper != null)) {
                predicate.bracketDates();
                from.add(predicate.lower == null ? MinKey.getInstance() : predicate.lower);
                to.add(predicate.upper == null ? MaxKey.getInstance() : predicate.upper);
                fromPadding = predicate.lowerExclusive ? MaxKey.getInstance() : MinKey.getInstance();
                toPadding = predicate.upperExclusive ? MinKey.getInstance() : MaxKey.getInstance();
                narrowed = true;
            }
            break;
        }
        if (!narrowed) {
            return Optional.empty();
        }
        while (from.size() <= fields.size()) {
            from.add(fromPadding);
            to.add(toPadding);
        }
        return Optional.of(new KeyRange(new KeyValue(from).normalized(), new KeyValue(to).normalized()));
    }

    /** How many entries of the map lie in this range, counted through the B-tree in O(log n). */
    /** How many of an ordered index's entries the query spans; empty when the index cannot narrow it. */
    static OptionalLong candidates(Document query, List<String> fields, boolean multikey, MVMap<KeyValue, ?> entries) {
        Optional<KeyRange> range = of(query, fields, multikey);
        return range.isPresent() ? OptionalLong.of(range.get().count(entries)) : OptionalLong.empty();
    }

    long count(MVMap<KeyValue, ?> entries) {
        return insertionPoint(entries, to) - insertionPoint(entries, from);
    }

    private static long insertionPoint(MVMap<KeyValue, ?> entries, KeyValue bound) {
        long index = entries.getKeyIndex(bound);
        return index < 0 ? -index - 1 : index;
    }

    /** Walks the top-level conjunction, {@code $and} included, for constraints on one field. */
    private static void collect(Document query, String field, Predicate predicate) {
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            if (entry.getKey().equals("$and") && entry.getValue() instanceof Collection) {
                for (Object clause : (Collection<?>) entry.getValue()) {
                    if (clause instanceof Document) {
                        collect((Document) clause, field, predicate);
                    }
                }
            } else if (entry.getKey().equals(field)) {
                predicate.add(entry.getValue());
            }
        }
    }

    private static final class Predicate {

        private static final ValueComparator ORDER = ValueComparator.asc();

        private Object equal;
        private Object lower;
        private boolean lowerExclusive;
        private Object upper;
        private boolean upperExclusive;

        void add(Object condition) {
            if (isOperatorDocument(condition)) {
                ((Document) condition).forEach(this::addOperator);
            } else if (isScalar(condition) && equal == null) {
                equal = condition;
            }
        }

        private void addOperator(String operator, Object value) {
            if (!isScalar(value)) {
                return;
            }
            switch (operator) {
                case "$eq" -> equal = equal == null ? value : equal;
                case "$gt", "$gte" -> {
                    int order = lower == null ? 1 : ORDER.compare(value, lower);
                    if (order > 0 || (order == 0 && operator.equals("$gt"))) {
                        lower = value;
                        lowerExclusive = operator.equals("$gt");
                    }
                }
                case "$lt", "$lte" -> {
                    int order = upper == null ? -1 : ORDER.compare(value, upper);
                    if (order < 0 || (order == 0 && operator.equals("$lt"))) {
                        upper = value;
                        upperExclusive = operator.equals("$lt");
                    }
                }
                default -> {
                    // other operators only narrow the result further; the span stays a superset
                }
            }
        }

        /**
         * MongoDB compares a date only with dates, so a one-sided date range ({@code expiresAt
         * <= now}) need not start at the documents whose field is missing or null.
         */
        void bracketDates() {
            if (lower == null && upper instanceof Instant) {
                lower = Instant.MIN;
            } else if (upper == null && lower instanceof Instant) {
                upper = Instant.MAX;
            }
        }

        private static boolean isOperatorDocument(Object condition) {
            return condition instanceof Document document
                    && !document.isEmpty()
                    && document.keySet().iterator().next().startsWith("$");
        }

        /**
         * Values whose index entries are exactly the values equal to them. Null (which also
         * matches a missing field), arrays and embedded documents match more than their own
         * entry, so a query on them is left to a full scan.
         */
        private static boolean isScalar(Object value) {
            return value instanceof Number || value instanceof String || value instanceof ObjectId
                    || value instanceof Instant || value instanceof Boolean || value instanceof UUID;
        }
    }
}
