package io.mallard.imap.command.sort;

import java.util.Comparator;

/**
 * The i;ascii-casemap collation (RFC 4790 §9.2) that RFC 5256 sorts strings by: ASCII letters
 * compare without case, everything else by code point (the order of the UTF-8 octets).
 */
public final class AsciiCasemap {

    public static final Comparator<String> ORDER = AsciiCasemap::compare;

    private AsciiCasemap() {
    }

    /** The string with ASCII letters upper-cased: equal keys are equal under the collation. */
    public static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(c -> folded.appendCodePoint(c >= 'a' && c <= 'z' ? c - 32 : c));
        return folded.toString();
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            int c = Integer.compare(upper(x), upper(y));
            if (c != 0) {
                return c;
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int upper(int c) {
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    }
}
