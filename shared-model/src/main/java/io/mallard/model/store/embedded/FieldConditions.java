package io.mallard.model.store.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;

/**
 * A query of plain conditions on top-level fields ({@code {mailbox: id, uid: {$gte: 1, $lte: 9}}},
 * {@code {flags: {$ne: "\\Seen"}}}, or an {@code $and} of such, as the driver sends them), read once
 * and then checked against each document the way the library's matcher checks it. The library's
 * matcher takes the query apart again for every document: it splits each key on dots, looks each
 * operator up by name and boxes both sides of every number comparison; that was 6% of Mallard's
 * CPU samples at ten IMAP clients, where every query re-checks each document an index selected.
 * <p>
 * Only what both agree on is decided here: a condition on a field that holds an embedded document
 * (or a list, where the library has its own readings, see {@link Condition#decidesFor}), and every
 * query of another shape (dotted keys, {@code $or}, regular expressions, equality with a document
 * or a list), is {@link Verdict#UNDECIDED}, for the library.
 */
final class FieldConditions {

    enum Verdict { MATCH, NO_MATCH, UNDECIDED }

    private enum Operator { EQ, NE, GT, GTE, LT, LTE, IN, NIN, EXISTS }

    private static final Map<String, Operator> OPERATORS = Map.of("$eq", Operator.EQ, "$ne", Operator.NE,
            "$gt", Operator.GT, "$gte", Operator.GTE, "$lt", Operator.LT, "$lte", Operator.LTE, "$in", Operator.IN,
            "$nin", Operator.NIN, "$exists", Operator.EXISTS);

    /** A field the document does not have, told apart from one that holds null only by {@code $exists}. */
    private static final Object MISSING = new Object();

    private final Document query;
    /** Null for a query of another shape. */
    private final List<Condition> conditions;

    private FieldConditions(Document query, List<Condition> conditions) {
        this.query = query;
        this.conditions = conditions;
    }

    /** The query's conditions; none, and every check undecided, when the query has a shape only the library knows. */
    static FieldConditions of(Document query) {
        return new FieldConditions(query, readConditions(query));
    }

    private static List<Condition> readConditions(Document query) {
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            String field = entry.getKey();
            if (field.equals("$and") && entry.getValue() instanceof List<?> all && !all.isEmpty()) {
                for (Object each : all) {
                    List<Condition> more = each instanceof Document part ? readConditions(part) : null;
                    if (more == null) {
                        return null;
                    }
                    conditions.addAll(more);
                }
                continue;
            }
            if (field.startsWith("$") || field.indexOf('.') >= 0) {
                return null;
            }
            if (!(entry.getValue() instanceof Document operators)) {
                if (!scalar(entry.getValue())) {
                    return null;
                }
                conditions.add(new Condition(field, Operator.EQ, entry.getValue(), true));
                continue;
            }
            if (operators.isEmpty()) {
                return null;
            }
            for (Map.Entry<String, Object> condition : operators.entrySet()) {
                Operator operator = OPERATORS.get(condition.getKey());
                if (operator == null || !operand(operator, condition.getValue())) {
                    return null;
                }
                conditions.add(new Condition(field, operator, condition.getValue(), operators.size() == 1));
            }
        }
        return conditions;
    }

    /** Whether these are the conditions of this very query object. */
    boolean isFor(Document candidate) {
        return candidate == query;
    }

    Verdict check(Document document) {
        if (conditions == null) {
            return Verdict.UNDECIDED;
        }
        for (Condition condition : conditions) {
            Object value = document.get(condition.field);
            if (value == null && !document.containsKey(condition.field)) {
                value = MISSING;
            } else if (value instanceof Map<?, ?>) {
                return Verdict.UNDECIDED;
            } else if (value instanceof Collection<?> list) {
                if (!condition.decidesFor(list)) {
                    return Verdict.UNDECIDED;
                }
                if (!condition.holdsForList(list)) {
                    return Verdict.NO_MATCH;
                }
                continue;
            }
            if (!condition.holds(value)) {
                return Verdict.NO_MATCH;
            }
        }
        return Verdict.MATCH;
    }

    /** MinKey and MaxKey compare with every type in the library, a missing field included: left to it. */
    private static boolean scalar(Object value) {
        // a Document is a Map
        return !(value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof BsonRegularExpression
                || value instanceof Pattern || value instanceof MinKey || value instanceof MaxKey);
    }

    private static boolean operand(Operator operator, Object value) {
        return switch (operator) {
            case EXISTS -> true;
            case IN, NIN -> value instanceof Collection<?> values && values.stream().allMatch(FieldConditions::scalar);
            default -> scalar(value);
        };
    }

    /** {@code alone}: the only condition on its field, which is how the library reads a list with it. */
    private record Condition(String field, Operator operator, Object operand, boolean alone) {

        /**
         * A list of plain values against the field's only condition: the library asks whether any
         * element meets it ({@code $ne} and {@code $nin}: whether none is excluded); with more
         * conditions on one field, {@code $exists}, or lists in lists, its answers are its own.
         */
        boolean decidesFor(Collection<?> list) {
            return alone && operator != Operator.EXISTS && list.stream().allMatch(FieldConditions::scalar);
        }

        boolean holdsForList(Collection<?> list) {
            return switch (operator) {
                case NE -> list.stream().noneMatch(element -> equal(element, operand));
                case NIN -> list.stream().noneMatch(this::in);
                default -> list.stream().anyMatch(this::holds);
            };
        }

        boolean holds(Object value) {
            return switch (operator) {
                case EQ -> equal(value, operand);
                case NE -> !equal(value, operand);
                case IN -> in(value);
                case NIN -> !in(value);
                case EXISTS -> (value == MISSING) != Utils.isTrue(operand);
                case GT -> comparable(value) && ValueComparator.desc().compare(value, operand) < 0;
                case GTE -> comparable(value) && ValueComparator.desc().compare(value, operand) <= 0;
                case LT -> comparable(value) && ValueComparator.asc().compare(value, operand) < 0;
                case LTE -> comparable(value) && ValueComparator.asc().compare(value, operand) <= 0;
            };
        }

        private boolean in(Object value) {
            for (Object candidate : (Collection<?>) operand) {
                if (equal(value, candidate)) {
                    return true;
                }
            }
            return false;
        }

        /** The library's type bracketing: numbers with numbers, otherwise the same class. */
        private boolean comparable(Object value) {
            if (value == null || value == MISSING || operand == null) {
                return false;
            }
            if (value instanceof Number && operand instanceof Number) {
                return true;
            }
            return value.getClass().equals(operand.getClass());
        }
    }

    /**
     * The library's equality of two values that are neither lists nor documents: null equals a
     * missing field; numbers are equal when their doubles are (or, for a long a double cannot
     * hold, when both are that long); -0.0 equals 0.0.
     */
    static boolean equal(Object a, Object b) {
        boolean aAbsent = a == null || a == MISSING;
        boolean bAbsent = b == null || b == MISSING;
        if (aAbsent || bAbsent) {
            return aAbsent && bAbsent;
        }
        if (a instanceof Number x && b instanceof Number y) {
            boolean xExact = exactLong(x);
            boolean yExact = exactLong(y);
            if (xExact || yExact) {
                return xExact && yExact && x.longValue() == y.longValue();
            }
            return Double.doubleToLongBits(unsigned(x.doubleValue())) == Double.doubleToLongBits(unsigned(y.doubleValue()));
        }
        if (a instanceof Number || b instanceof Number) {
            return false;
        }
        return Objects.equals(a, b);
    }

    /** A long whose double is another number: the library compares it as the long. */
    private static boolean exactLong(Number number) {
        return number instanceof Long value && value != (long) value.doubleValue();
    }

    private static double unsigned(double value) {
        return value == 0.0 ? 0.0 : value;
    }
}
