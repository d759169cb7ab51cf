package io.mallard.imap.codec;

import java.util.ArrayList;
import java.util.List;

/** One RFC 5256 §3 sort criterion, with RFC 5957 DISPLAYFROM and DISPLAYTO. */
public record SortCriterion(Key key, boolean reverse) {

    public enum Key { ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, DISPLAYFROM, DISPLAYTO }

    /** {@code (sort-criterion *(SP sort-criterion))}: at least one key, each maybe after REVERSE. */
    static List<SortCriterion> parse(List<Token> tokens) {
        List<SortCriterion> criteria = new ArrayList<>();
        boolean reverse = false;
        for (Token token : tokens) {
            if (!(token instanceof Token.Atom atom)) {
                throw new ImapSyntaxException("Invalid sort criterion");
            }
            if (atom.upper().equals("REVERSE") && !reverse) {
                reverse = true;
                continue;
            }
            try {
                criteria.add(new SortCriterion(Key.valueOf(atom.upper()), reverse));
            } catch (IllegalArgumentException e) {
                throw new ImapSyntaxException("Unknown sort criterion " + atom.text());
            }
            reverse = false;
        }
        if (criteria.isEmpty() || reverse) {
            throw new ImapSyntaxException("Incomplete sort criteria");
        }
        return criteria;
    }
}
