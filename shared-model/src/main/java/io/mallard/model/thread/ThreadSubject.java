package io.mallard.model.thread;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subject as threading compares it: reply and forward markers stripped, case and runs of
 * white space folded. This is the RFC 5256 2.1 "base subject" idea, extended with the markers that
 * localized clients write (German AW/WG, Nordic SV/VS, Dutch Antw, Italian Rif, Polish Odp).
 */
public final class ThreadSubject {

    // "Re:", "Re[2]:", "Re(3):", "Fwd :", "AW:" ... at the start, repeated: "Re: Fwd: AW: x" is "x".
    private static final Pattern MARKER = Pattern.compile(
            "^\\s*(re|fwd?|aw|wg|sv|vs|antw|rif|r|tr|odp|enc)\\s*(\\[\\d+]|\\(\\d+\\))?\\s*:\\s*",
            Pattern.CASE_INSENSITIVE);
    // RFC 5256 2.1 (3): a trailing "(fwd)".
    private static final Pattern TRAILER = Pattern.compile("\\s*\\(fwd\\)\\s*$", Pattern.CASE_INSENSITIVE);

    private ThreadSubject() {
    }

    public static String normalize(String subject) {
        if (subject == null) {
            return "";
        }
        String rest = subject.strip();
        boolean changed = true;
        while (changed) {
            String before = rest;
            Matcher marker = MARKER.matcher(rest);
            if (marker.find()) {
                rest = rest.substring(marker.end());
            }
            rest = TRAILER.matcher(rest).replaceFirst("");
            changed = !rest.equals(before);
        }
        return rest.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }
}
