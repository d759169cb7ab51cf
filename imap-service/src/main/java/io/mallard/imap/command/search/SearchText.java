package io.mallard.imap.command.search;

import java.util.Locale;

/** RFC 3501 §6.4.4 string keys: a substring match that ignores case. */
final class SearchText {

    private SearchText() {
    }

    static boolean contains(String haystack, String needle) {
        if (haystack == null) {
            return false;
        }
        return needle.isEmpty() || haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }
}
