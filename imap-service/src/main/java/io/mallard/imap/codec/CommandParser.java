package io.mallard.imap.codec;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mallard.imap.codec.ImapRequest.StoreMode;

/**
 * An assembled command to its {@link ImapRequest} (RFC 9051 §9 grammar), or an
 * {@link ImapSyntaxException} the session answers with {@code BAD}.
 */
public final class CommandParser {

    private CommandParser() {
    }

    /** The tag of a command, valid or not, for the BAD answer; {@code *} when there is none. */
    public static String tag(byte[] command) {
        int end = 0;
        while (end < command.length && command[end] > ' ' && command[end] != '(' && command[end] != '{'
                && command[end] != '"' && command[end] != '%' && command[end] != '*' && command[end] != '+') {
            end++;
        }
        return end == 0 ? "*" : new String(command, 0, end, StandardCharsets.US_ASCII);
    }

    public static ImapRequest parse(byte[] command) {
        return parse(command, false);
    }

    /** @param utf8 UTF8=ACCEPT is enabled: mailbox names are UTF-8, APPEND may use UTF8 (RFC 6855) */
    public static ImapRequest parse(byte[] command, boolean utf8) {
        Arguments args = new Arguments(Tokenizer.tokenize(command), utf8);
        String tag = args.hasNext() && args.peek() instanceof Token.Atom atom ? atom.text() : "";
        if (!tag.equals(tag(command)) || tag.equals("*")) {
            throw new ImapSyntaxException("Invalid tag");
        }
        args.next();
        String name = args.atom();
        boolean uid = name.equals("UID");
        if (uid) {
            name = args.atom();
        }
        ImapRequest request = uid ? uidCommand(tag, name, args) : command(tag, name, args);
        args.end();
        return request;
    }

    private static ImapRequest command(String tag, String name, Arguments args) {
        return switch (name) {
            case "CAPABILITY", "NOOP", "LOGOUT", "STARTTLS", "CHECK", "CLOSE", "UNSELECT", "EXPUNGE", "IDLE",
                    "NAMESPACE" -> new ImapRequest.Bare(tag, name);
            case "LOGIN" -> new ImapRequest.Login(tag, name, args.astring(), args.astring());
            case "AUTHENTICATE" -> new ImapRequest.Authenticate(tag, name, args.atom(),
                    args.hasNext() ? args.astring() : null);
            case "ENABLE" -> enable(tag, name, args);
            case "ID" -> {
                args.next();
                yield new ImapRequest.Id(tag, name);
            }
            case "GETQUOTA" -> new ImapRequest.Quota(tag, name, args.astring());
            case "COMPRESS" -> new ImapRequest.Compress(tag, name, args.atom());
            case "SETQUOTA" -> setQuota(tag, name, args);
            case "SELECT", "EXAMINE" -> ModifierParser.select(tag, name, args.mailbox(), args);
            case "CREATE", "DELETE", "SUBSCRIBE", "UNSUBSCRIBE", "GETQUOTAROOT" ->
                    new ImapRequest.OnMailbox(tag, name, args.mailbox());
            case "RENAME" -> new ImapRequest.Rename(tag, name, args.mailbox(), args.mailbox());
            case "LIST", "LSUB" -> ListParser.parse(tag, name, args);
            case "STATUS" -> new ImapRequest.Status(tag, name, args.mailbox(), atoms(args.list()));
            case "APPEND" -> append(tag, name, args);
            case "FETCH", "STORE", "COPY", "MOVE", "SEARCH", "SORT", "THREAD" -> uidCommand(tag, name, args, false);
            default -> throw new ImapSyntaxException("Unknown command");
        };
    }

    private static ImapRequest uidCommand(String tag, String name, Arguments args) {
        if (name.equals("EXPUNGE")) {
            return new ImapRequest.UidExpunge(tag, "UID EXPUNGE", args.sequenceSet());
        }
        return uidCommand(tag, "UID " + name, args, true);
    }

    private static ImapRequest uidCommand(String tag, String fullName, Arguments args, boolean uid) {
        String name = uid ? fullName.substring(4) : fullName;
        return switch (name) {
            case "FETCH" -> ModifierParser.fetch(tag, fullName, uid, args.sequenceSet(), FetchParser.parse(args.next()), args);
            case "STORE" -> store(tag, fullName, uid, args);
            case "COPY", "MOVE" -> new ImapRequest.Transfer(tag, fullName, uid, args.sequenceSet(), args.mailbox());
            case "SEARCH" -> new ImapRequest.Search(tag, fullName, uid, SearchParser.returnOptions(args),
                    SearchParser.optionalCharset(args));
            case "SORT" -> new ImapRequest.Sort(tag, fullName, uid, SearchParser.returnOptions(args),
                    SortCriterion.parse(args.list()), SearchParser.requiredCharset(args));
            case "THREAD" -> new ImapRequest.Thread(tag, fullName, uid, threadAlgorithm(args.atom()),
                    SearchParser.requiredCharset(args));
            default -> throw new ImapSyntaxException("Unknown UID command");
        };
    }

    private static ImapRequest.ThreadAlgorithm threadAlgorithm(String name) {
        try {
            return ImapRequest.ThreadAlgorithm.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new ImapSyntaxException("Unknown threading algorithm " + name);
        }
    }

    private static ImapRequest enable(String tag, String name, Arguments args) {
        List<String> capabilities = new ArrayList<>();
        while (args.hasNext()) {
            capabilities.add(args.atom());
        }
        if (capabilities.isEmpty()) {
            throw new ImapSyntaxException("ENABLE needs a capability");
        }
        return new ImapRequest.Enable(tag, name, capabilities);
    }

    /** RFC 9208 §4.1.3: SETQUOTA root (resource limit ...). */
    private static ImapRequest setQuota(String tag, String name, Arguments args) {
        String root = args.astring();
        List<Token> pairs = args.list();
        if (pairs.size() % 2 != 0) {
            throw new ImapSyntaxException("SETQUOTA needs resource and limit pairs");
        }
        Map<String, Long> limits = new LinkedHashMap<>();
        Arguments list = new Arguments(pairs);
        while (list.hasNext()) {
            limits.put(list.atom(), list.number());
        }
        return new ImapRequest.SetQuota(tag, name, root, limits);
    }

    /**
     * RFC 9051 §6.3.12 APPEND mailbox [flag-list] [date-time] literal, repeated for each message of an
     * RFC 3502 MULTIAPPEND; the message may be RFC 6855 {@code UTF8 (literal8)} once UTF8=ACCEPT is on.
     */
    private static ImapRequest append(String tag, String name, Arguments args) {
        String mailbox = args.mailbox();
        List<ImapRequest.AppendMessage> messages = new ArrayList<>();
        do {
            List<String> flags = args.peekList() ? flags(atoms(args.list())) : List.of();
            ZonedDateTime date = null;
            if (args.peek() instanceof Token.Str str && !str.literal()) {
                date = Arguments.dateTime(str.text());
                args.next();
            }
            messages.add(new ImapRequest.AppendMessage(flags, date, appendData(args)));
        } while (args.hasNext());
        return new ImapRequest.Append(tag, name, mailbox, messages);
    }

    private static byte[] appendData(Arguments args) {
        if (args.peek() instanceof Token.Atom atom && atom.upper().equals("UTF8")) {
            if (!args.utf8Names()) {
                throw new ImapSyntaxException("UTF8 needs ENABLE UTF8=ACCEPT first");
            }
            args.next();
            List<Token> data = args.list();
            if (data.size() != 1 || !(data.get(0) instanceof Token.Str str && str.literal())) {
                throw new ImapSyntaxException("UTF8 takes one literal8");
            }
            return str.bytes();
        }
        if (!(args.peek() instanceof Token.Str str && str.literal())) {
            throw new ImapSyntaxException("APPEND needs the message as a literal");
        }
        return args.literalOrString();
    }

    private static ImapRequest store(String tag, String name, boolean uid, Arguments args) {
        SequenceSet set = args.sequenceSet();
        long unchangedSince = ModifierParser.unchangedSince(args);
        String item = args.atom();
        boolean silent = item.endsWith(".SILENT");
        String base = silent ? item.substring(0, item.length() - 7) : item;
        StoreMode mode = switch (base) {
            case "FLAGS" -> StoreMode.SET;
            case "+FLAGS" -> StoreMode.ADD;
            case "-FLAGS" -> StoreMode.REMOVE;
            default -> throw new ImapSyntaxException("Invalid STORE item");
        };
        List<String> flags = new ArrayList<>();
        if (args.peekList()) {
            flags.addAll(atoms(args.list()));
        } else {
            while (args.hasNext()) {
                flags.add(atomText(args.next()));
            }
        }
        return new ImapRequest.Store(tag, name, uid, set, mode, silent, flags(flags), unchangedSince);
    }

    private static final List<String> SYSTEM_FLAGS = List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen",
            "\\Draft");

    /**
     * Flags are case-insensitive (RFC 9051 §2.3.2): system flags take their canonical spelling so
     * that storage compares them exactly. Other backslash flags (\Recent included) cannot be set.
     */
    private static List<String> flags(List<String> given) {
        List<String> flags = new ArrayList<>();
        for (String flag : given) {
            String canonical = flag;
            if (flag.startsWith("\\")) {
                canonical = SYSTEM_FLAGS.stream().filter(flag::equalsIgnoreCase).findFirst()
                        .orElseThrow(() -> new ImapSyntaxException("Flag " + flag + " cannot be set"));
            }
            if (!flags.contains(canonical)) {
                flags.add(canonical);
            }
        }
        return flags;
    }

    private static List<String> atoms(List<Token> tokens) {
        return tokens.stream().map(CommandParser::atomText).toList();
    }

    static String atomText(Token token) {
        if (token instanceof Token.Atom atom) {
            return atom.text();
        }
        throw new ImapSyntaxException("Expected an atom");
    }
}
