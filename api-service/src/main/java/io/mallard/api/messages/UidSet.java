package io.mallard.api.messages;

import java.util.ArrayList;
import java.util.List;

/**
 * WildDuck's {@code message} selector in bulk updates: an IMAP-style UID set such as
 * {@code 1:10,12,20:*} (RFC 3501 9 sequence-set), as inclusive UID ranges.
 */
record UidSet(List<Range> ranges) {

    static final String PATTERN = "(\\d+|\\*)(:(\\d+|\\*))?(,(\\d+|\\*)(:(\\d+|\\*))?)*";

    record Range(long from, long to) {
    }

    /** Parses a set already matched by {@link #PATTERN}; {@code *} is the highest UID. */
    static UidSet parse(String set) {
        List<Range> ranges = new ArrayList<>();
        for (String item : set.split(",")) {
            int colon = item.indexOf(':');
            long a = number(colon < 0 ? item : item.substring(0, colon));
            long b = colon < 0 ? a : number(item.substring(colon + 1));
            ranges.add(new Range(Math.min(a, b), Math.max(a, b)));
        }
        return new UidSet(List.copyOf(ranges));
    }

    private static long number(String value) {
        if (value.equals("*")) {
            return Long.MAX_VALUE;
        }
        // Beyond any UID ever handed out; saturating keeps an absurd number from failing the parse.
        return value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
    }
}
