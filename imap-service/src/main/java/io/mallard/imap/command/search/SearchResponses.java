package io.mallard.imap.command.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.ReturnOption;
import io.mallard.imap.codec.SequenceSet;
import io.mallard.imap.codec.Value;

/**
 * The untagged answers of a search: RFC 3501 §7.2.5 {@code * SEARCH}, RFC 5256 §4 {@code * SORT}
 * and RFC 4731 §3.2 {@code * ESEARCH}, each with the highest MODSEQ of the matches when the
 * criteria had a MODSEQ key (RFC 7162 §3.1.6, §3.1.9, §3.1.10).
 */
public final class SearchResponses {

    private SearchResponses() {
    }

    /**
     * {@code * SEARCH n n n} (or {@code * SORT ...}, RFC 5256 §4), numbers in the order given, with
     * RFC 7162 §3.1.6's {@code (MODSEQ m)} after them when {@code modseq} is positive.
     */
    public static Response numbers(String name, List<Long> numbers, long modseq) {
        List<Value> values = new ArrayList<>(List.of(Value.atom(name)));
        numbers.forEach(n -> values.add(Value.atom(n)));
        if (modseq > 0) {
            values.add(Value.list(List.of(Value.atom("MODSEQ"), Value.atom(modseq))));
        }
        return new Response.Data(values);
    }

    /**
     * {@code * ESEARCH (TAG "t") [UID] MIN a MAX b COUNT c ALL set}: MIN, MAX and ALL only when
     * something matched, COUNT always when asked (RFC 4731 §3.1). MIN is the first of {@code numbers}
     * and MAX the last, ALL keeps their order: ascending for SEARCH, sort order for ESORT (RFC 5267 §3.1).
     */
    public static Response esearch(String tag, boolean uid, Set<ReturnOption> options, List<Long> numbers, long modseq) {
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
            values.add(Value.atom(SequenceSet.compact(numbers)));
        }
        if (modseq > 0) {
            // RFC 7162 §3.1.10: the MODSEQ result option of a search with a MODSEQ key.
            values.add(Value.atom("MODSEQ"));
            values.add(Value.atom(modseq));
        }
        return new Response.Data(values);
    }
}
