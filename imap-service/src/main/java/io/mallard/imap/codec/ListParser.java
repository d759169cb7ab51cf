package io.mallard.imap.codec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * LIST with the RFC 5258 extensions (selection options, several patterns, return options), RFC
 * 5819 {@code RETURN (STATUS (...))} and RFC 6154 SPECIAL-USE; LSUB takes only reference and pattern.
 */
final class ListParser {

    static final Set<String> SELECTION = Set.of("SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE");
    /** RFC 5258 §3: RECURSIVEMATCH only modifies one of these; alone it is a BAD. */
    static final Set<String> BASE_SELECTION = Set.of("SUBSCRIBED", "SPECIAL-USE");
    static final Set<String> RETURN = Set.of("SUBSCRIBED", "CHILDREN", "SPECIAL-USE", "STATUS");

    private ListParser() {
    }

    static ImapRequest.ListMailboxes parse(String tag, String name, Arguments args) {
        boolean lsub = name.equals("LSUB");
        boolean extended = false;
        Set<String> selection = new LinkedHashSet<>();
        if (!lsub && args.peekList()) {
            extended = true;
            for (Token option : args.list()) {
                selection.add(option(option, SELECTION, "selection"));
            }
            if (selection.contains("RECURSIVEMATCH") && selection.stream().noneMatch(BASE_SELECTION::contains)) {
                throw new ImapSyntaxException("RECURSIVEMATCH needs another selection option");
            }
        }
        String reference = args.mailbox();
        List<String> patterns = new ArrayList<>();
        if (!lsub && args.peekList()) {
            extended = true;
            for (Token pattern : args.list()) {
                patterns.add(args.mailboxName(string(pattern)));
            }
            if (patterns.isEmpty()) {
                throw new ImapSyntaxException("Empty pattern list");
            }
        } else {
            patterns.add(args.mailbox());
        }
        Set<String> returns = new LinkedHashSet<>();
        List<String> statusItems = new ArrayList<>();
        if (!lsub && args.hasNext()) {
            if (!args.atom().equals("RETURN")) {
                throw new ImapSyntaxException("Expected RETURN");
            }
            extended = true;
            List<Token> options = args.list();
            for (int i = 0; i < options.size(); i++) {
                String option = option(options.get(i), RETURN, "return");
                returns.add(option);
                if (option.equals("STATUS")) {
                    if (i + 1 >= options.size() || !(options.get(++i) instanceof Token.ListOf items)
                            || items.items().isEmpty()) {
                        throw new ImapSyntaxException("STATUS needs a list of items");
                    }
                    items.items().forEach(item -> statusItems.add(CommandParser.atomText(item).toUpperCase(Locale.ROOT)));
                }
            }
        }
        // RFC 5258 §3: SUBSCRIBED selection implies the SUBSCRIBED return option.
        if (selection.contains("SUBSCRIBED")) {
            returns.add("SUBSCRIBED");
        }
        return new ImapRequest.ListMailboxes(tag, name, extended, selection, reference, patterns, returns, statusItems);
    }

    private static String option(Token token, Set<String> known, String kind) {
        if (token instanceof Token.Atom atom && known.contains(atom.upper())) {
            return atom.upper();
        }
        throw new ImapSyntaxException("Unknown " + kind + " option");
    }

    private static String string(Token token) {
        if (token instanceof Token.Atom atom) {
            return atom.text();
        }
        if (token instanceof Token.Str str) {
            return str.text();
        }
        throw new ImapSyntaxException("Expected a mailbox pattern");
    }
}
