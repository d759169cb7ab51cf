package io.mallard.model.ingest;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the searchable text of a message: every text/plain and text/html part that is shown
 * as the message body (not an attachment), decoded to Unicode, HTML reduced to its text.
 */
final class TextExtractor {

    /** Cap on stored text: enough for search, far below the 16 MB document limit. */
    static final int MAX_TEXT = 256 * 1024;
    private static final int MAX_PART_BYTES = 4 * 1024 * 1024;

    private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern BREAK = Pattern.compile("(?i)<(br|/p|/div|/tr|/li|/h[1-6])\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});");
    private static final Pattern BLANKS = Pattern.compile("[ \\t\\x0B\\f\\u00a0]+");

    private final byte[] raw;
    private final StringBuilder text = new StringBuilder();

    TextExtractor(byte[] raw) {
        this.raw = raw;
    }

    String text() {
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text.toString();
    }

    void add(Entity part) {
        if (text.length() >= MAX_TEXT) {
            return;
        }
        String subtype = part.subtype();
        if (!subtype.equals("plain") && !subtype.equals("html")) {
            return;
        }
        String decoded = BodyDecoder.text(BodyDecoder.decode(raw, part, MAX_PART_BYTES), part.param("charset"))
                .replace("\r\n", "\n").strip();
        if (decoded.isEmpty()) {
            return;
        }
        if (text.length() > 0) {
            text.append('\n');
        }
        text.append(subtype.equals("html") ? htmlToText(decoded) : decoded);
    }

    static String htmlToText(String html) {
        String text = HIDDEN.matcher(html).replaceAll(" ");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll(" ");
        text = BLANKS.matcher(decodeEntities(text)).replaceAll(" ");
        return text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String decodeEntities(String text) {
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(entity(matcher.group(1), matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String entity(String name, String original) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
            }
            if (name.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return original;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> original;
        };
    }
}
