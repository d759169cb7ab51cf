package io.mallard.imap.command.search;

import java.util.Locale;

/** Looks a field up in a raw header block (RFC 5322 §2.2: unfolded, names case-insensitive). */
final class HeaderFields {

    private HeaderFields() {
    }

    /** Whether some {@code field} header's value contains {@code text}, ignoring case. */
    static boolean valueContains(String headers, String field, String text) {
        String unfolded = headers.replaceAll("\r?\n[ \t]", " ");
        String wanted = text.toLowerCase(Locale.ROOT);
        for (String line : unfolded.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(field)
                    && line.substring(colon + 1).toLowerCase(Locale.ROOT).contains(wanted)) {
                return true;
            }
        }
        return false;
    }
}
