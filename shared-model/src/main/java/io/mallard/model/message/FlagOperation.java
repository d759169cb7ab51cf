package io.mallard.model.message;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** RFC 3501 6.4.6 STORE's three forms: FLAGS, +FLAGS, -FLAGS. */
public enum FlagOperation {
    SET, ADD, REMOVE;

    List<String> apply(List<String> current, List<String> flags) {
        Set<String> result = new LinkedHashSet<>(this == SET ? List.of() : current);
        if (this == REMOVE) {
            result.removeAll(flags);
        } else {
            result.addAll(flags);
        }
        return List.copyOf(result);
    }
}
