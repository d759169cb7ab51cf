package io.mallard.imap.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mallard.imap.codec.SearchKey.DateRelation;

/** Search criteria (RFC 9051 §6.4.4) to a {@link SearchKey} tree. */
final class SearchParser {

    private SearchParser() {
    }

    static SearchKey parse(Arguments arguments) {
        if (arguments.peek() instanceof Token.Atom atom && atom.upper().equals("CHARSET")) {
            arguments.next();
            String charset = arguments.astring().toUpperCase(Locale.ROOT);
            if (!charset.equals("UTF-8") && !charset.equals("US-ASCII")) {
                throw new ImapSyntaxException("Unsupported charset");
            }
        }
        List<SearchKey> keys = new ArrayList<>();
        while (arguments.hasNext()) {
            keys.add(key(arguments));
        }
        if (keys.isEmpty()) {
            throw new ImapSyntaxException("Missing search criteria");
        }
        return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
    }

    private static SearchKey key(Arguments arguments) {
        Token token = arguments.next();
        if (token instanceof Token.ListOf list) {
            Arguments inner = new Arguments(list.items());
            List<SearchKey> keys = new ArrayList<>();
            while (inner.hasNext()) {
                keys.add(key(inner));
            }
            return new SearchKey.And(keys);
        }
        if (!(token instanceof Token.Atom atom)) {
            throw new ImapSyntaxException("Invalid search key");
        }
        String name = atom.upper();
        return switch (name) {
            case "ALL", "OLD" -> new SearchKey.All();
            // No message is ever \Recent here (RECENT is always 0), so none is RECENT or NEW.
            case "RECENT", "NEW" -> new SearchKey.Not(new SearchKey.All());
            case "SEEN", "FLAGGED", "DELETED", "ANSWERED", "DRAFT" -> flag(name, true);
            case "UNSEEN", "UNFLAGGED", "UNDELETED", "UNANSWERED", "UNDRAFT" -> flag(name.substring(2), false);
            case "KEYWORD" -> new SearchKey.Flag(arguments.astring(), true);
            case "UNKEYWORD" -> new SearchKey.Flag(arguments.astring(), false);
            case "FROM", "TO", "CC", "BCC", "SUBJECT" -> new SearchKey.Header(name, arguments.astring());
            case "HEADER" -> new SearchKey.Header(arguments.astring().toUpperCase(Locale.ROOT), arguments.astring());
            case "BODY" -> new SearchKey.Text(arguments.astring(), false);
            case "TEXT" -> new SearchKey.Text(arguments.astring(), true);
            case "BEFORE", "ON", "SINCE" -> new SearchKey.Date(DateRelation.valueOf(name), arguments.date(), false);
            case "SENTBEFORE", "SENTON", "SENTSINCE" ->
                    new SearchKey.Date(DateRelation.valueOf(name.substring(4)), arguments.date(), true);
            case "LARGER" -> new SearchKey.Size(arguments.number(), true);
            case "SMALLER" -> new SearchKey.Size(arguments.number(), false);
            case "UID" -> new SearchKey.Sequence(arguments.sequenceSet(), true);
            case "NOT" -> new SearchKey.Not(key(arguments));
            case "OR" -> new SearchKey.Or(key(arguments), key(arguments));
            default -> {
                if (!name.isEmpty() && (Character.isDigit(name.charAt(0)) || name.charAt(0) == '*')) {
                    yield new SearchKey.Sequence(SequenceSet.parse(name), false);
                }
                throw new ImapSyntaxException("Unsupported search key " + name);
            }
        };
    }

    private static SearchKey flag(String name, boolean present) {
        return new SearchKey.Flag("\\" + name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT), present);
    }
}
