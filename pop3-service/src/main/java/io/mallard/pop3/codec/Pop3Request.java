package io.mallard.pop3.codec;

import java.util.List;

/** One well-formed command: numeric arguments are already checked to be decimal and in int range. */
public record Pop3Request(Verb verb, List<String> arguments) implements ParsedLine {

    public Pop3Request {
        arguments = List.copyOf(arguments);
    }

    public static Pop3Request of(Verb verb, String... arguments) {
        return new Pop3Request(verb, List.of(arguments));
    }

    public boolean has(int index) {
        return index < arguments.size();
    }

    public String argument(int index) {
        return arguments.get(index);
    }

    public int number(int index) {
        return Integer.parseInt(arguments.get(index));
    }

    @Override
    public String toString() {
        // Never log a password.
        return verb == Verb.PASS ? "Pop3Request[PASS ***]" : "Pop3Request[" + verb + " " + arguments + "]";
    }
}
