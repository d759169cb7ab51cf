package io.mallard.api.messages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header fields of a message's header block, unfolded (RFC 5322 2.2.3), in their order.
 * Values stay as sent, encoded-words included, as WildDuck's {@code headers} list does.
 */
final class HeaderLines {

    private HeaderLines() {
    }

    static List<MessageViews.Header> parse(byte[] block) {
        // UTF-8 per RFC 6532; legacy 8-bit bytes become U+FFFD instead of failing the request.
        String text = new String(block, StandardCharsets.UTF_8);
        List<MessageViews.Header> headers = new ArrayList<>();
        StringBuilder field = null;
        for (String line : text.split("\r?\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && field != null) {
                field.append(' ').append(line.strip());
                continue;
            }
            add(headers, field);
            field = line.isEmpty() ? null : new StringBuilder(line);
        }
        add(headers, field);
        return List.copyOf(headers);
    }

    private static void add(List<MessageViews.Header> headers, StringBuilder field) {
        if (field == null) {
            return;
        }
        int colon = field.indexOf(":");
        if (colon > 0) {
            headers.add(new MessageViews.Header(field.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    field.substring(colon + 1).strip()));
        }
    }
}
