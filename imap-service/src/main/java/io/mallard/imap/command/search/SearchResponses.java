package io.mallard.imap.command.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.ReturnOption;
import io.mallard.imap.codec.Value;

/**
 * The untagged answers of a search: RFC 3501 §7.2.5 {@code * SEARCH}, RFC 5256 §4 {@code * SORT}
 * and RFC 4731 §3.2 {@code * ESEARCH}.
 */
public final class SearchResponses {

    private SearchResponses() {
    }

    /** {@code * SEARCH n n n} (or {@code * SORT ...}, RFC 5256 §4), numbers in the order given. */
    public static Response numbers(String name, List<Long> numbers) {
        List<Value> values = new ArrayList<>(List.of(Value.atom(name)));
        numbers.forEach(n -> values.add(Value.atom(n)));
        return new Response.Data(values);
    }

    /**
     * {@code * ESEARCH (TAG "t") [UID] MIN a MAX b COUNT c ALL set} for ascending {@code numbers}:
     * MIN, MAX and ALL only when something matched, COUNT always when asked (RFC 4731 §3.1).
     */
    public static Response esearch(String tag, boolean uid, Set<ReturnOption> options, List<Long> numbers) {
        List<Value> values = new ArrayList<>(List.of(Value.atom("ESEARCH"),
                Value.list(List.of(Value.atom("TAG"), Value.string(tag)))));
        if (uid) {
            values.add(Value.atom("UID"));
        }
        if (!numbers.isEmpty() && options.contains(ReturnOption.MIN)) {
            values.add(Value.atom("MIN"));
            values.add(Value.atom(numbers.get(0)));
        }
        if (!numbers.isEmpty() && options.contains(ReturnOption.MAX)) {
            values.add(Value.atom("MAX"));
            values.add(Value.atom(numbers.get(numbers.size() - 1)));
        }
        if (options.contains(ReturnOption.COUNT)) {
            values.add(Value.atom("COUNT"));
            values.add(Value.atom(numbers.size()));
        }
        if (!numbers.isEmpty() && options.contains(ReturnOption.ALL)) {
            values.add(Value.atom("ALL"));
            values.add(Value.atom(sequenceSet(numbers)));
        }
        return new Response.Data(values);
    }

    /** Ascending numbers as a compact sequence set: 1,2,3,5 is {@code 1:3,5}. */
    static String sequenceSet(List<Long> numbers) {
        StringBuilder set = new StringBuilder();
        int i = 0;
        while (i < numbers.size()) {
            int j = i;
            while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
                j++;
            }
            if (set.length() > 0) {
                set.append(',');
            }
            set.append(numbers.get(i));
            if (j > i) {
                set.append(':').append(numbers.get(j));
            }
            i = j + 1;
        }
        return set.toString();
    }
}
