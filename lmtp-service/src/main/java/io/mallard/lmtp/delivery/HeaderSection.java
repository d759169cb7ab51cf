package io.mallard.lmtp.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The few header fields delivery decides on (Message-ID, spam verdicts), read from the raw
 * header section before the message is parsed and stored: unfolded (RFC 5322 §2.2.3), first
 * occurrence wins. The body is never scanned.
 */
public final class HeaderSection {

    private final String text;

    private HeaderSection(String text) {
        this.text = text;
    }

    /** The header section of {@code raw}: everything before the first empty line. */
    public static HeaderSection of(byte[] raw) {
        int end = raw.length;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i + 1 < raw.length && raw[i + 1] == '\n'
                    || i + 2 < raw.length && raw[i + 1] == '\r' && raw[i + 2] == '\n')) {
                end = i + 1;
                break;
            }
        }
        return new HeaderSection(new String(raw, 0, end, StandardCharsets.UTF_8));
    }

    /** The unfolded, trimmed value of the first field called {@code name}. */
    public Optional<String> value(String name) {
        String wanted = name.toLowerCase(Locale.ROOT) + ":";
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].toLowerCase(Locale.ROOT).startsWith(wanted)) {
                continue;
            }
            StringBuilder value = new StringBuilder(lines[i].substring(wanted.length()));
            while (i + 1 < lines.length && !lines[i + 1].isEmpty()
                    && (lines[i + 1].charAt(0) == ' ' || lines[i + 1].charAt(0) == '\t')) {
                value.append(' ').append(lines[++i].trim());
            }
            return Optional.of(value.toString().trim());
        }
        return Optional.empty();
    }
}
