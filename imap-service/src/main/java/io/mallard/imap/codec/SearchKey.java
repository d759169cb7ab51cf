package io.mallard.imap.codec;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

/**
 * RFC 3501 §6.4.4 search keys (with RFC 5032 WITHIN) as a tree; a list of keys must all hold (AND).
 * Adding a key means a record here, a case in {@link SearchParser}, and a branch in the search
 * package's matcher and, when the store can evaluate it, its pushdown.
 */
public sealed interface SearchKey {

    /** Whether this key or any key inside it passes {@code test}. */
    default boolean any(Predicate<SearchKey> test) {
        if (test.test(this)) {
            return true;
        }
        if (this instanceof Not not) {
            return not.key().any(test);
        }
        if (this instanceof Or or) {
            return or.left().any(test) || or.right().any(test);
        }
        return this instanceof And and && and.keys().stream().anyMatch(key -> key.any(test));
    }

    record All() implements SearchKey {
    }

    /** A system flag or keyword, present or absent (SEEN / UNSEEN, KEYWORD / UNKEYWORD, ...). */
    record Flag(String flag, boolean present) implements SearchKey {
    }

    /**
     * FROM, TO, CC, BCC, SUBJECT, or HEADER with any field name (upper case): a case-insensitive
     * substring of that header's decoded value; an empty text matches every message that has the
     * field (§6.4.4).
     */
    record Header(String field, String text) implements SearchKey {
        public boolean addressOrSubject() {
            return List.of("FROM", "TO", "CC", "BCC", "SUBJECT").contains(field);
        }
    }

    /** BODY (body text only) or TEXT (headers and body). */
    record Text(String text, boolean includeHeaders) implements SearchKey {
    }

    enum DateRelation { BEFORE, ON, SINCE }

    /** BEFORE/ON/SINCE on the internal date; SENTBEFORE/SENTON/SENTSINCE on the Date header. */
    record Date(DateRelation relation, LocalDate date, boolean sent) implements SearchKey {
    }

    /** LARGER (size above {@code bytes}) and SMALLER (size below {@code bytes}). */
    record Size(long bytes, boolean larger) implements SearchKey {
    }

    /** RFC 5032 OLDER / YOUNGER: internal date more / at most {@code seconds} before now. */
    record Within(long seconds, boolean older) implements SearchKey {
    }

    /** A sequence set, or a UID set (the UID key); either may be {@code $} (RFC 5182). */
    record Sequence(SequenceSet set, boolean uid) implements SearchKey {
    }

    record Not(SearchKey key) implements SearchKey {
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {
    }

    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }
}
