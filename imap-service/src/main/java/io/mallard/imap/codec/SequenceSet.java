package io.mallard.imap.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9051 §9 sequence-set: numbers and ranges, {@code *} for the largest number in use, a range
 * meaning the same whichever end comes first ({@code 4:2} is {@code 2:4}); or {@code $}, the
 * result the last {@code SEARCH RETURN (SAVE)} saved (RFC 5182 §2), which the session resolves.
 */
public record SequenceSet(List<Range> ranges, boolean saved) {

    /** RFC 5182 {@code $}. */
    public static final SequenceSet SAVED = new SequenceSet(List.of(), true);

    /** Stands for {@code *} until resolved against the mailbox. */
    public static final long STAR = Long.MAX_VALUE;

    public record Range(long from, long to) {
        /** The bounds in order, with {@code *} replaced by {@code largest}. */
        public long low(long largest) {
            return Math.min(resolve(from, largest), resolve(to, largest));
        }

        public long high(long largest) {
            return Math.max(resolve(from, largest), resolve(to, largest));
        }

        private static long resolve(long n, long largest) {
            return n == STAR ? largest : n;
        }
    }

    public SequenceSet {
        ranges = List.copyOf(ranges);
    }

    public SequenceSet(List<Range> ranges) {
        this(ranges, false);
    }

    public static SequenceSet parse(String text) {
        if (text.equals("$")) {
            return SAVED;
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                long n = number(part);
                ranges.add(new Range(n, n));
            } else {
                ranges.add(new Range(number(part.substring(0, colon)), number(part.substring(colon + 1))));
            }
        }
        return new SequenceSet(ranges);
    }

    /** Whether {@code n} is in the set when {@code largest} is the value of {@code *}; never for {@code $}. */
    public boolean contains(long n, long largest) {
        for (Range range : ranges) {
            if (n >= range.low(largest) && n <= range.high(largest)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The numbers, without repeats, as a set in the order given, each ascending run a range: the
     * shortest set for ascending numbers ({@code 1:3,5}); for RFC 5267 §3.1's ESORT ALL, numbers in
     * sort order keep that order ({@code 4,2:3,1}).
     */
    public static String compact(List<Long> numbers) {
        List<Range> ranges = new ArrayList<>();
        for (long n : numbers) {
            Range last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last.to() + 1 == n) {
                ranges.set(ranges.size() - 1, new Range(last.from(), n));
            } else {
                ranges.add(new Range(n, n));
            }
        }
        return new SequenceSet(ranges).text();
    }

    /** The set in RFC 9051 §9 syntax, ranges as given. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Range range : ranges) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(number(range.from()));
            if (range.to() != range.from()) {
                text.append(':').append(number(range.to()));
            }
        }
        return text.toString();
    }

    private static String number(long n) {
        return n == STAR ? "*" : Long.toString(n);
    }

    /** RFC 9051 §9: nz-number is 1 to 4,294,967,295. */
    private static long number(String text) {
        if (text.equals("*")) {
            return STAR;
        }
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || text.charAt(0) == '0') {
            throw new ImapSyntaxException("Invalid sequence set");
        }
        long n = Long.parseLong(text);
        if (n > 0xFFFFFFFFL) {
            throw new ImapSyntaxException("Invalid sequence set");
        }
        return n;
    }
}
