package io.mallard.imap.command.sort;

import java.util.Locale;

/**
 * RFC 5256 §2.1 base subject extraction, step by step over the decoded subject, and whether the
 * subject marked a reply or forward (a {@code subj-refwd} leader, a {@code (fwd)} trailer or a
 * {@code [fwd: ...]} wrapper was removed), which THREAD=REFERENCES needs in its step (5).
 *
 * @param text the base subject, white space packed
 * @param reply whether extraction removed a reply or forward marker
 */
public record BaseSubject(String text, boolean reply) {

    /** The key two base subjects compare equal under: i;ascii-casemap (RFC 5256 §6). */
    public String key() {
        return AsciiCasemap.fold(text);
    }

    public static BaseSubject of(String subject) {
        // (1) The stored subject is decoded already; tabs and line breaks become spaces, runs of
        // spaces one space.
        String s = subject == null ? "" : subject.replaceAll("[\\t\\r\\n ]+", " ");
        boolean reply = false;
        while (true) {
            // (2) Trailers: "(fwd)" or white space at the end, repeatedly.
            while (true) {
                if (s.endsWith(" ")) {
                    s = s.substring(0, s.length() - 1);
                } else if (s.toLowerCase(Locale.ROOT).endsWith("(fwd)")) {
                    s = s.substring(0, s.length() - 5);
                    reply = true;
                } else {
                    break;
                }
            }
            // (3)-(5) Leaders, then one leading blob if it leaves something, until neither applies.
            boolean changed = true;
            while (changed) {
                changed = false;
                int leader = leader(s);
                while (leader > 0) {
                    reply |= s.charAt(0) != ' ';
                    s = s.substring(leader);
                    changed = true;
                    leader = leader(s);
                }
                int blob = blob(s, 0);
                if (blob > 0 && blob < s.length()) {
                    s = s.substring(blob);
                    changed = true;
                }
            }
            // (6) "[fwd: ... ]" around the whole rest: unwrap and start again at (2).
            if (s.length() >= 6 && s.substring(0, 5).equalsIgnoreCase("[fwd:") && s.endsWith("]")) {
                s = s.substring(5, s.length() - 1);
                reply = true;
                continue;
            }
            return new BaseSubject(s, reply);
        }
    }

    /** End of a {@code subj-leader} at the start ({@code *subj-blob subj-refwd} or WSP), or 0. */
    private static int leader(String s) {
        if (s.startsWith(" ")) {
            return 1;
        }
        int at = 0;
        for (int blob = blob(s, at); blob > 0; blob = blob(s, at)) {
            at = blob;
        }
        return Math.max(refwd(s, at), 0);
    }

    /** End of {@code ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"} at {@code at}, or -1. */
    private static int refwd(String s, int at) {
        int i;
        if (s.regionMatches(true, at, "re", 0, 2)) {
            i = at + 2;
        } else if (s.regionMatches(true, at, "fw", 0, 2)) {
            i = s.regionMatches(true, at + 2, "d", 0, 1) ? at + 3 : at + 2;
        } else {
            return -1;
        }
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        int blob = blob(s, i);
        if (blob > 0) {
            i = blob;
        }
        return i < s.length() && s.charAt(i) == ':' ? i + 1 : -1;
    }

    /** End of {@code "[" *BLOBCHAR "]" *WSP} at {@code at} (BLOBCHAR: anything but brackets), or -1. */
    private static int blob(String s, int at) {
        if (at >= s.length() || s.charAt(at) != '[') {
            return -1;
        }
        int i = at + 1;
        while (i < s.length() && s.charAt(i) != ']' && s.charAt(i) != '[') {
            i++;
        }
        if (i >= s.length() || s.charAt(i) != ']') {
            return -1;
        }
        i++;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
