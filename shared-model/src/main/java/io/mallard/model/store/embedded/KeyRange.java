package io.mallard.model.store.embedded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

import org.h2.mvstore.Cursor;
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
 * @param fixed how many leading index fields the query fixes by equality
 */
record KeyRange(KeyValue from, KeyValue to, int fixed) {

    private static final Set<String> COMPARISONS = Set.of("$gt", "$gte", "$lt", "$lte");

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
        return of(query, fields, multikey, -1, null);
    }

    /**
     * As {@link #of(Document, List, boolean)}, with field number {@code position} fixed to
     * {@code equal}: one value of its {@code $in}, the fields before it fixed by the query.
     */
    static Optional<KeyRange> of(Document query, List<String> fields, boolean multikey, int position, Object equal) {
        List<Object> from = new ArrayList<>();
        List<Object> to = new ArrayList<>();
        Object fromPadding = MinKey.getInstance();
        Object toPadding = MaxKey.getInstance();
        boolean narrowed = false;
        int fixed = 0;
        for (String field : fields) {
            Predicate predicate = new Predicate();
            collect(query, field, predicate);
            if (fixed == position) {
                predicate.equal = equal;
            }
            if (predicate.equal != null) {
                from.add(predicate.equal);
                to.add(predicate.equal);
                narrowed = true;
                fixed++;
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
        return Optional.of(new KeyRange(new KeyValue(from).normalized(), new KeyValue(to).normalized(), fixed));
    }

    /**
     * The positions in the span, read lazily in the order of a one-field sort when the index
     * holds that order: the sort field is the first one the query does not fix, so walking the
     * span forwards (or backwards) lists the documents by it ascending (or descending). Not for
     * a multikey index, where one document has several entries.
     *
     * @param position a document's position from an entry's key and value
     */
    <V> Optional<Iterator<Object>> inOrder(Document orderBy, List<String> fields, MVMap<KeyValue, V> entries,
                                           BiFunction<KeyValue, V, Object> position) {
        if (orderBy == null || orderBy.size() != 1 || fixed >= fields.size()
                || !(orderBy.get(fields.get(fixed)) instanceof Number direction)
                || Math.abs(direction.doubleValue()) != 1) {
            return Optional.empty();
        }
        Cursor<KeyValue, V> cursor = direction.doubleValue() > 0 ? entries.cursor(from, to, false)
                : entries.cursor(to, from, true);
        return Optional.of(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public Object next() {
                KeyValue key = cursor.next();
                return position.apply(key, cursor.getValue());
            }
        });
    }

    /**
     * The query without the conditions that every entry of this span meets, so that a document
     * read through the index is checked only against the rest ({@code abandoned != true} of a
     * mailbox listing) and a count with nothing left is the span's size. Dropped: equality on a
     * fixed field to the span's own value, and comparisons with numbers on the range field when
     * both bounds are numbers (the span then holds numbers only, as the comparisons do). Only for
     * an index without multikey entries.
     */
    Document residual(Document query, List<String> fields) {
        Document rest = new Document();
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            if (entry.getKey().equals("$and") && entry.getValue() instanceof Collection<?> clauses) {
                List<Object> kept = new ArrayList<>();
                for (Object clause : clauses) {
                    Object left = clause instanceof Document document ? residual(document, fields) : clause;
                    if (!(left instanceof Document document && document.isEmpty())) {
                        kept.add(left);
                    }
                }
                if (!kept.isEmpty()) {
                    rest.put("$and", kept);
                }
            } else if (!covers(entry.getKey(), entry.getValue(), fields)) {
                rest.put(entry.getKey(), entry.getValue());
            }
        }
        return rest;
    }

    private boolean covers(String field, Object condition, List<String> fields) {
        int position = fields.indexOf(field);
        if (position < 0 || position > fixed || position >= fields.size()) {
            return false;
        }
        if (position < fixed) {
            Object equal = Predicate.isOperatorDocument(condition) && ((Document) condition).size() == 1
                    ? ((Document) condition).get("$eq") : condition;
            return Predicate.isScalar(equal) && Predicate.ORDER.compare(equal, from.get(position)) == 0;
        }
        if (!(from.get(position) instanceof Number) || !(to.get(position) instanceof Number)
                || !Predicate.isOperatorDocument(condition)) {
            return false;
        }
        for (Map.Entry<String, Object> operator : ((Document) condition).entrySet()) {
            if (!COMPARISONS.contains(operator.getKey()) || !(operator.getValue() instanceof Number)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The distinct values, in index order, of a {@code $in} of scalars on {@code field}; empty when
     * the query has none (or lists a null, an array or a document, which match more than their entry).
     */
    static Optional<List<Object>> inValues(Document query, String field) {
        Predicate predicate = new Predicate();
        collect(query, field, predicate);
        if (predicate.in == null) {
            return Optional.empty();
        }
        Set<Object> values = new TreeSet<>(Predicate.ORDER);
        values.addAll(predicate.in);
        return Optional.of(List.copyOf(values));
    }

    /** How many entries of the map lie in this range, counted through the B-tree in O(log n). */
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
        private Collection<?> in;
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
            if (operator.equals("$in") && in == null && value instanceof Collection<?> values
                    && values.stream().allMatch(Predicate::isScalar)) {
                in = values;
            }
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
