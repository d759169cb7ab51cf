package io.mallard.lmtp.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code text} condition of a filter: words and "quoted phrases" that must all occur
 * (case-insensitive), with {@code OR} between groups for alternatives, e.g.
 * {@code invoice "due date" OR receipt}.
 */
final class TextQuery {

    private static final Pattern TERM = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    private final List<List<String>> alternatives;

    private TextQuery(List<List<String>> alternatives) {
        this.alternatives = alternatives;
    }

    static TextQuery parse(String query) {
        List<List<String>> alternatives = new ArrayList<>();
        List<String> current = new ArrayList<>();
        Matcher matcher = TERM.matcher(query);
        while (matcher.find()) {
            if (matcher.group(2) != null && matcher.group(2).equals("OR")) {
                alternatives.add(current);
                current = new ArrayList<>();
            } else {
                String term = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                if (!term.isBlank()) {
                    current.add(term.toLowerCase(Locale.ROOT));
                }
            }
        }
        alternatives.add(current);
        alternatives.removeIf(List::isEmpty);
        return new TextQuery(alternatives);
    }

    boolean matches(String text) {
        String haystack = text.toLowerCase(Locale.ROOT);
        return alternatives.stream().anyMatch(terms -> terms.stream().allMatch(haystack::contains));
    }
}
