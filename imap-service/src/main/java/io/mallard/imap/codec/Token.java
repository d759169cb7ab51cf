package io.mallard.imap.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** One element of a command's arguments (RFC 9051 §4): an atom, a string or a parenthesized list. */
public sealed interface Token {

    /** An atom, including the bracketed part of a fetch attribute such as {@code BODY[HEADER]<0.10>}. */
    record Atom(String text) implements Token {
        public String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    /** A quoted string or a literal (RFC 9051 §4.3); the octets exactly as sent. */
    record Str(byte[] bytes, boolean literal) implements Token {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A parenthesized list (RFC 9051 §4.4). */
    record ListOf(List<Token> items) implements Token {
        public ListOf {
            items = List.copyOf(items);
        }
    }
}
