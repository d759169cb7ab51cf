package io.mallard.imap.codec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** A cursor over a command's argument tokens with the typed reads of RFC 9051 §9. */
public final class Arguments {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

    private final List<Token> tokens;
    private final boolean utf8Names;
    private int position;

    public Arguments(List<Token> tokens) {
        this(tokens, false);
    }

    /** @param utf8Names mailbox names are UTF-8 as sent (RFC 6855 §3, after ENABLE UTF8=ACCEPT), not modified UTF-7 */
    public Arguments(List<Token> tokens, boolean utf8Names) {
        this.tokens = tokens;
        this.utf8Names = utf8Names;
    }

    public boolean utf8Names() {
        return utf8Names;
    }

    /** A mailbox name (or pattern) in Unicode: an astring, decoded from modified UTF-7 unless UTF-8 is on. */
    public String mailbox() {
        return mailboxName(astring());
    }

    /** The Unicode form of a mailbox name as the client wrote it. */
    public String mailboxName(String wire) {
        return utf8Names ? wire : MailboxName.decode(wire);
    }

    public boolean hasNext() {
        return position < tokens.size();
    }

    public Token next() {
        if (!hasNext()) {
            throw new ImapSyntaxException("Missing argument");
        }
        return tokens.get(position++);
    }

    public Token peek() {
        return hasNext() ? tokens.get(position) : null;
    }

    /** An atom, upper-cased. */
    public String atom() {
        if (next() instanceof Token.Atom atom) {
            return atom.upper();
        }
        throw new ImapSyntaxException("Expected an atom");
    }

    /** RFC 9051 astring: an atom, a quoted string or a literal. */
    public String astring() {
        Token token = next();
        if (token instanceof Token.Atom atom) {
            return atom.text();
        }
        if (token instanceof Token.Str str) {
            return str.text();
        }
        throw new ImapSyntaxException("Expected a string");
    }

    public byte[] literalOrString() {
        if (next() instanceof Token.Str str) {
            return str.bytes();
        }
        throw new ImapSyntaxException("Expected a literal");
    }

    public List<Token> list() {
        if (next() instanceof Token.ListOf list) {
            return list.items();
        }
        throw new ImapSyntaxException("Expected a parenthesized list");
    }

    public boolean peekList() {
        return peek() instanceof Token.ListOf;
    }

    public long number() {
        String text = atom();
        try {
            long n = Long.parseLong(text);
            if (n < 0) {
                throw new ImapSyntaxException("Expected a number");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ImapSyntaxException("Expected a number");
        }
    }

    public SequenceSet sequenceSet() {
        return SequenceSet.parse(atom());
    }

    /** RFC 9051 date: {@code 1-Feb-1994}, quoted or not. */
    public LocalDate date() {
        String text = astring();
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            throw new ImapSyntaxException("Invalid date");
        }
    }

    /** RFC 9051 date-time: {@code "17-Jul-1996 02:44:25 -0700"}. */
    public static ZonedDateTime dateTime(String text) {
        try {
            return ZonedDateTime.parse(text.trim(), DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new ImapSyntaxException("Invalid date-time");
        }
    }

    public void end() {
        if (hasNext()) {
            throw new ImapSyntaxException("Too many arguments");
        }
    }
}
