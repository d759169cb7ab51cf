package io.mallard.model.store.embedded;

import java.util.Comparator;

import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;

/**
 * Orders index keys the way MongoDB orders values, field by field, so that an index map can be
 * scanned over a key range. The library's own index maps use H2's default order for
 * {@link KeyValue}, which is not {@link Comparable}: H2 then compares the Java-serialized bytes,
 * an order that has nothing to do with the values (and serializes both keys on every compare).
 * Serialization is left to {@link ObjectDataType}, so the file format stays the library's.
 */
final class KeyValueOrder extends ObjectDataType {

    private static final Comparator<Object> VALUES = ValueComparator.ascWithoutListHandling();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue && b instanceof KeyValue) {
            return compareKeys((KeyValue) a, (KeyValue) b);
        }
        return super.compare(a, b);
    }

    private static int compareKeys(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int order = VALUES.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
