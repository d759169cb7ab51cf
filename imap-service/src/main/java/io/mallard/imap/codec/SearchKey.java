package io.mallard.imap.codec;

import java.time.LocalDate;
import java.util.List;

/** The supported subset of RFC 9051 §6.4.4 search keys; every listed key must hold (AND). */
public sealed interface SearchKey {

    record All() implements SearchKey {
    }

    /** A system flag or keyword, present or absent (SEEN / UNSEEN, KEYWORD / UNKEYWORD, ...). */
    record Flag(String flag, boolean present) implements SearchKey {
    }

    /**
     * FROM, TO, CC, BCC, SUBJECT, or HEADER with any field name (upper case): a case-insensitive
     * substring of that header; an empty text matches every message that has the field (§6.4.4).
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

    record Size(long bytes, boolean larger) implements SearchKey {
    }

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
