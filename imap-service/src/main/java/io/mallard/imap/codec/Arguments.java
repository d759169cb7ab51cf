package io.mallard.imap.codec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;

/** A cursor over a command's argument tokens with the typed reads of RFC 9051 §9. */
public final class Arguments {

    // RFC 9051 §9 date-month is case-insensitive; 31-Feb is no date.
    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d-MMM-uuuu").toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

    private final List<Token> tokens;
    private int position;

    public Arguments(List<Token> tokens) {
        this.tokens = tokens;
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
