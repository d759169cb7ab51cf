package io.mallard.imap.codec;

import java.util.Arrays;
import java.util.List;

/** A piece of a server response; {@link ResponseEncoder} alone decides how it goes on the wire. */
public sealed interface Value {

    Value NIL = new Raw("NIL");

    /** An atom or number written as is (flags, names, response codes). */
    record Atom(String text) implements Value {
    }

    /** A string: quoted when it can be, a literal otherwise (RFC 9051 §4.3). */
    record Str(String text) implements Value {
    }

    /** A mailbox name, in Unicode; the encoder writes its modified UTF-7 form (RFC 3501 §5.1.3). */
    record Mailbox(String name) implements Value {
    }

    /**
     * Octets sent as a literal whatever they hold (message content). {@code binary}: decoded content
     * (RFC 3516), sent as a literal8 {@code ~{n}} when it holds a NUL, which a literal may not (§4.3).
     */
    record Literal(byte[] bytes, boolean binary) implements Value {
        public Literal(byte[] bytes) {
            this(bytes, false);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Literal literal && binary == literal.binary && Arrays.equals(bytes, literal.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Literal[" + bytes.length + (binary ? ", binary]" : "]");
        }
    }

    /** Already IMAP syntax, e.g. an ENVELOPE rendered at ingest by shared-model. */
    record Raw(String text) implements Value {
    }

    /** A parenthesized list. */
    record ListOf(List<Value> items) implements Value {
        public ListOf {
            items = List.copyOf(items);
        }
    }

    static Value atom(Object text) {
        return new Atom(String.valueOf(text));
    }

    static Value string(String text) {
        return text == null ? NIL : new Str(text);
    }

    static Value mailbox(String name) {
        return new Mailbox(name);
    }

    static Value list(List<? extends Value> items) {
        return new ListOf(List.copyOf(items));
    }

    static Value atoms(List<String> words) {
        return new ListOf(words.stream().map(Value::atom).toList());
    }
}
