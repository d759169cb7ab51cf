package io.mallard.imap.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mallard.imap.codec.FetchAttribute.Part;
import io.mallard.imap.codec.FetchAttribute.Section;
import io.mallard.imap.codec.FetchAttribute.Simple;

/** FETCH items and macros (RFC 9051 §6.4.5) to {@link FetchAttribute}s. */
final class FetchParser {

    private static final Pattern SECTION = Pattern.compile(
            "(BODY(?:\\.PEEK)?)\\[([0-9.]*?)\\.?(HEADER\\.FIELDS\\.NOT|HEADER\\.FIELDS|HEADER|TEXT|MIME)?"
                    + "(?: \\(([^)]*)\\))?\\](?:<(\\d+)\\.(\\d+)>)?");

    /** RFC 3516 §4.1: a binary section is part numbers only, no HEADER, TEXT or MIME. */
    private static final Pattern BINARY = Pattern.compile("BINARY(\\.PEEK|\\.SIZE)?\\[([0-9.]*)\\](?:<(\\d+)\\.(\\d+)>)?");

    private FetchParser() {
    }

    static List<FetchAttribute> parse(Token token) {
        List<FetchAttribute> attributes = new ArrayList<>();
        if (token instanceof Token.ListOf list) {
            for (Token item : list.items()) {
                attributes.add(item(text(item)));
            }
        } else {
            String text = text(token);
            switch (text.toUpperCase(Locale.ROOT)) {
                case "ALL" -> attributes.addAll(List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE));
                case "FAST" -> attributes.addAll(List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE));
                case "FULL" -> attributes.addAll(List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE,
                        Simple.ENVELOPE, Simple.BODY));
                default -> attributes.add(item(text));
            }
        }
        if (attributes.isEmpty()) {
            throw new ImapSyntaxException("No fetch items");
        }
        return attributes;
    }

    private static String text(Token token) {
        if (token instanceof Token.Atom atom) {
            return atom.text();
        }
        throw new ImapSyntaxException("Invalid fetch item");
    }

    static FetchAttribute item(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "FLAGS": return Simple.FLAGS;
            case "UID": return Simple.UID;
            case "INTERNALDATE": return Simple.INTERNALDATE;
            case "RFC822.SIZE": return Simple.RFC822_SIZE;
            case "ENVELOPE": return Simple.ENVELOPE;
            case "BODYSTRUCTURE": return Simple.BODYSTRUCTURE;
            case "BODY": return Simple.BODY;
            case "RFC822": return new Section("RFC822", false, "", Part.ALL, List.of(), -1, -1);
            case "RFC822.HEADER": return new Section("RFC822.HEADER", true, "", Part.HEADER, List.of(), -1, -1);
            case "RFC822.TEXT": return new Section("RFC822.TEXT", false, "", Part.TEXT, List.of(), -1, -1);
            default: return upper.startsWith("BINARY") ? binary(upper) : section(upper);
        }
    }

    private static FetchAttribute.Binary binary(String upper) {
        Matcher m = BINARY.matcher(upper);
        if (!m.matches()) {
            throw new ImapSyntaxException("Invalid BINARY item");
        }
        String number = m.group(2);
        if (!number.isEmpty() && !number.matches("[1-9][0-9]*(\\.[1-9][0-9]*)*")) {
            throw new ImapSyntaxException("Invalid section number");
        }
        boolean sizeOnly = ".SIZE".equals(m.group(1));
        if (sizeOnly && m.group(3) != null) {
            throw new ImapSyntaxException("BINARY.SIZE takes no partial");
        }
        long offset = m.group(3) == null ? -1 : Long.parseLong(m.group(3));
        long length = m.group(4) == null ? -1 : Long.parseLong(m.group(4));
        return new FetchAttribute.Binary(number, ".PEEK".equals(m.group(1)), sizeOnly, offset, length);
    }

    private static Section section(String upper) {
        Matcher m = SECTION.matcher(upper);
        if (!m.matches()) {
            throw new ImapSyntaxException("Unknown fetch item");
        }
        String number = m.group(2);
        Part part = m.group(3) == null ? Part.ALL : Part.valueOf(m.group(3).replace('.', '_'));
        if (!number.isEmpty() && !number.matches("[1-9][0-9]*(\\.[1-9][0-9]*)*")) {
            throw new ImapSyntaxException("Invalid section number");
        }
        if (part == Part.MIME && number.isEmpty()) {
            throw new ImapSyntaxException("MIME needs a part number");
        }
        boolean hasFields = part == Part.HEADER_FIELDS || part == Part.HEADER_FIELDS_NOT;
        if (hasFields != (m.group(4) != null)) {
            throw new ImapSyntaxException("Header field list misplaced");
        }
        List<String> fields = hasFields
                ? Arrays.stream(m.group(4).trim().split(" +")).map(f -> f.replace("\"", "")).toList() : List.of();
        long offset = m.group(5) == null ? -1 : Long.parseLong(m.group(5));
        long length = m.group(6) == null ? -1 : Long.parseLong(m.group(6));
        String label = "BODY[" + (number.isEmpty() || m.group(3) == null ? number : number + ".")
                + (m.group(3) == null ? "" : m.group(3))
                + (hasFields ? " (" + String.join(" ", fields) + ")" : "") + "]";
        return new Section(label, m.group(1).endsWith("PEEK"), number, part, fields, offset, length);
    }
}
