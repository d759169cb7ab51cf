package io.mallard.imap.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.mallard.imap.codec.SearchKey.DateRelation;

/**
 * Search criteria (RFC 3501 §6.4.4, RFC 9051 §6.4.4) to a {@link SearchProgram}: every key of
 * RFC 3501, RFC 5032 OLDER/YOUNGER, RFC 7162 MODSEQ, {@code $} (RFC 5182), nested lists, OR and NOT. Strings are
 * decoded from the CHARSET the client named; nesting is bounded so no input can exhaust the stack.
 */
final class SearchParser {

    static final int MAX_DEPTH = 64;

    private final Charset charset;
    private int depth;
    private boolean recentKeys;

    private SearchParser(Charset charset) {
        this.charset = charset;
    }

    /** {@code SEARCH [RETURN (...)] [CHARSET name] keys}: the optional RETURN of RFC 4731 §3.1. */
    static Set<ReturnOption> returnOptions(Arguments arguments) {
        if (!(arguments.peek() instanceof Token.Atom atom && atom.upper().equals("RETURN"))) {
            return Set.of();
        }
        arguments.next();
        Set<ReturnOption> options = EnumSet.noneOf(ReturnOption.class);
        for (Token option : arguments.list()) {
            if (!(option instanceof Token.Atom name)) {
                throw new ImapSyntaxException("Invalid RETURN option");
            }
            try {
                options.add(ReturnOption.valueOf(name.upper()));
            } catch (IllegalArgumentException e) {
                throw new ImapSyntaxException("Unknown RETURN option " + name.text());
            }
        }
        // RFC 4731 §3.1: an empty list means ALL.
        return options.isEmpty() ? Set.of(ReturnOption.ALL) : Set.copyOf(options);
    }

    /** {@code [CHARSET name] keys}, as SEARCH takes them. */
    static SearchProgram optionalCharset(Arguments arguments) {
        String charset = null;
        if (arguments.peek() instanceof Token.Atom atom && atom.upper().equals("CHARSET")) {
            arguments.next();
            charset = arguments.astring();
        }
        return keys(arguments, charset);
    }

    /** {@code name keys}, as SORT and THREAD take them: the charset is not optional there (RFC 5256 §3). */
    static SearchProgram requiredCharset(Arguments arguments) {
        return keys(arguments, arguments.astring());
    }

    private static SearchProgram keys(Arguments arguments, String charset) {
        Charset decoder = charset == null ? null : SearchProgram.decoder(charset);
        SearchParser parser = new SearchParser(decoder == null ? StandardCharsets.UTF_8 : decoder);
        List<SearchKey> keys = new ArrayList<>();
        while (arguments.hasNext()) {
            keys.add(parser.key(arguments));
        }
        if (keys.isEmpty()) {
            throw new ImapSyntaxException("Missing search criteria");
        }
        return new SearchProgram(charset, keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys), parser.recentKeys);
    }

    private SearchKey key(Arguments arguments) {
        if (++depth > MAX_DEPTH) {
            throw new ImapSyntaxException("Search criteria nested too deeply");
        }
        try {
            return keyAt(arguments);
        } finally {
            depth--;
        }
    }

    private SearchKey keyAt(Arguments arguments) {
        Token token = arguments.next();
        if (token instanceof Token.ListOf list) {
            Arguments inner = new Arguments(list.items());
            List<SearchKey> keys = new ArrayList<>();
            while (inner.hasNext()) {
                keys.add(key(inner));
            }
            if (keys.isEmpty()) {
                throw new ImapSyntaxException("Empty search key list");
            }
            return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        }
        if (!(token instanceof Token.Atom atom)) {
            throw new ImapSyntaxException("Invalid search key");
        }
        String name = atom.upper();
        recentKeys |= name.equals("NEW") || name.equals("OLD") || name.equals("RECENT");
        return switch (name) {
            case "ALL", "OLD" -> new SearchKey.All();
            // No message is ever \Recent here (RECENT is always 0), so none is RECENT or NEW.
            case "RECENT", "NEW" -> new SearchKey.Not(new SearchKey.All());
            case "SEEN", "FLAGGED", "DELETED", "ANSWERED", "DRAFT" -> flag(name, true);
            case "UNSEEN", "UNFLAGGED", "UNDELETED", "UNANSWERED", "UNDRAFT" -> flag(name.substring(2), false);
            case "KEYWORD" -> new SearchKey.Flag(keyword(arguments), true);
            case "UNKEYWORD" -> new SearchKey.Flag(keyword(arguments), false);
            case "FROM", "TO", "CC", "BCC", "SUBJECT" -> new SearchKey.Header(name, string(arguments));
            case "HEADER" -> new SearchKey.Header(arguments.astring().toUpperCase(Locale.ROOT), string(arguments));
            case "BODY" -> new SearchKey.Text(string(arguments), false);
            case "TEXT" -> new SearchKey.Text(string(arguments), true);
            case "BEFORE", "ON", "SINCE" -> new SearchKey.Date(DateRelation.valueOf(name), arguments.date(), false);
            case "SENTBEFORE", "SENTON", "SENTSINCE" ->
                    new SearchKey.Date(DateRelation.valueOf(name.substring(4)), arguments.date(), true);
            case "LARGER" -> new SearchKey.Size(arguments.number(), true);
            case "SMALLER" -> new SearchKey.Size(arguments.number(), false);
            case "OLDER", "YOUNGER" -> new SearchKey.Within(arguments.number(), name.equals("OLDER"));
            case "MODSEQ" -> modseq(arguments);
            case "UID" -> new SearchKey.Sequence(arguments.sequenceSet(), true);
            case "NOT" -> new SearchKey.Not(key(arguments));
            case "OR" -> new SearchKey.Or(key(arguments), key(arguments));
            default -> {
                if (Character.isDigit(name.charAt(0)) || name.charAt(0) == '*' || name.equals("$")) {
                    yield new SearchKey.Sequence(SequenceSet.parse(name), false);
                }
                throw new ImapSyntaxException("Unknown search key " + name);
            }
        };
    }

    /** RFC 7162 §3.1.5 {@code MODSEQ [entry-name entry-type-req] mod-sequence-valzer}. */
    private static SearchKey modseq(Arguments arguments) {
        if (arguments.peek() instanceof Token.Str) {
            // entry-name: "/flags/<flag>", a quoted string; entry-type-req: priv, shared or all.
            arguments.next();
            if (!List.of("PRIV", "SHARED", "ALL").contains(arguments.atom())) {
                throw new ImapSyntaxException("Invalid MODSEQ entry type");
            }
        }
        return new SearchKey.Modseq(ModifierParser.modseq(arguments, true));
    }

    /** An astring, a quoted string or literal decoded from the search's charset (RFC 9051 §6.4.4). */
    private String string(Arguments arguments) {
        Token token = arguments.next();
        if (token instanceof Token.Str str) {
            return new String(str.bytes(), charset);
        }
        if (token instanceof Token.Atom atom) {
            return atom.text();
        }
        throw new ImapSyntaxException("Expected a string");
    }

    /** RFC 9051 §9 flag-keyword is an atom; a backslash flag cannot be a keyword. */
    private static String keyword(Arguments arguments) {
        String keyword = arguments.astring();
        if (keyword.isEmpty() || keyword.startsWith("\\")) {
            throw new ImapSyntaxException("Invalid keyword");
        }
        return keyword;
    }

    private static SearchKey flag(String name, boolean present) {
        return new SearchKey.Flag("\\" + name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT), present);
    }
}
