package io.mallard.pop3.codec;

import java.util.List;

/**
 * The POP3 commands Mallard knows and the arguments each takes (RFC 1939 §5–7, RFC 2449 CAPA,
 * RFC 2595 STLS, RFC 5034 AUTH). APOP is deliberately absent: it needs the password in the clear
 * on the server, which Mallard never stores.
 */
public enum Verb {
    USER("USER name", Argument.WORD),
    PASS("PASS password", Argument.REST),
    STAT("STAT"),
    LIST("LIST [msg]", Argument.OPTIONAL_NUMBER),
    RETR("RETR msg", Argument.NUMBER),
    DELE("DELE msg", Argument.NUMBER),
    NOOP("NOOP"),
    RSET("RSET"),
    QUIT("QUIT"),
    TOP("TOP msg n", Argument.NUMBER, Argument.NUMBER),
    UIDL("UIDL [msg]", Argument.OPTIONAL_NUMBER),
    CAPA("CAPA"),
    STLS("STLS"),
    AUTH("AUTH mechanism [initial-response]", Argument.OPTIONAL_WORD, Argument.OPTIONAL_WORD);

    /** What one argument position accepts. */
    enum Argument {
        /** Decimal digits (RFC 1939 §3: message numbers and line counts). */
        NUMBER,
        OPTIONAL_NUMBER,
        /** Printable text without spaces. */
        WORD,
        OPTIONAL_WORD,
        /** Everything after the first space, spaces included: passwords may hold them (RFC 1939 §7). */
        REST;

        boolean optional() {
            return this == OPTIONAL_NUMBER || this == OPTIONAL_WORD;
        }

        boolean numeric() {
            return this == NUMBER || this == OPTIONAL_NUMBER;
        }
    }

    private final String syntax;
    private final List<Argument> arguments;

    Verb(String syntax, Argument... arguments) {
        this.syntax = syntax;
        this.arguments = List.of(arguments);
    }

    /** For the {@code -ERR Syntax: ...} answer. */
    public String syntax() {
        return syntax;
    }

    List<Argument> arguments() {
        return arguments;
    }
}
