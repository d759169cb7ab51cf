package io.mallard.pop3.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one command line (without CRLF) into a {@link Pop3Request} or an {@link InvalidRequest}
 * with a text a client can show. Pure: no I/O, no state.
 *
 * <p>RFC 1939 §3: a keyword of three or four characters, case-insensitive, then arguments
 * separated by single spaces, each up to 40 characters; RFC 2449 §4 lets lines grow to 255
 * octets. Mallard is lenient about repeated and trailing spaces, strict about control octets
 * and invalid UTF-8, which are never meaningful in a command.
 */
public final class Pop3RequestParser {

    /** RFC 2449 §4: 255 octets including CRLF; AUTH responses are not commands and go elsewhere. */
    public static final int MAX_LINE = 253;
    /** Message numbers fit an int; a longer run of digits is out of range whatever the maildrop. */
    private static final int MAX_DIGITS = 9;

    private Pop3RequestParser() {
    }

    public static ParsedLine parse(byte[] line) {
        if (line.length > MAX_LINE) {
            return new InvalidRequest("Command line too long");
        }
        String text = decode(line);
        if (text == null) {
            return new InvalidRequest("Invalid characters in command line");
        }
        String trimmed = text.stripLeading();
        if (trimmed.isBlank()) {
            return new InvalidRequest("Empty command");
        }
        int space = trimmed.indexOf(' ');
        String keyword = space < 0 ? trimmed : trimmed.substring(0, space);
        Verb verb = verb(keyword);
        if (verb == null) {
            return new InvalidRequest("Unknown command: " + printable(keyword));
        }
        String rest = space < 0 ? "" : trimmed.substring(space + 1);
        return arguments(verb, rest);
    }

    private static ParsedLine arguments(Verb verb, String rest) {
        List<Verb.Argument> expected = verb.arguments();
        if (expected.equals(List.of(Verb.Argument.REST))) {
            return rest.isEmpty() ? syntaxError(verb) : new Pop3Request(verb, List.of(rest));
        }
        String[] given = rest.isBlank() ? new String[0] : rest.strip().split(" +");
        long required = expected.stream().filter(argument -> !argument.optional()).count();
        if (given.length < required || given.length > expected.size()) {
            return syntaxError(verb);
        }
        List<String> arguments = new ArrayList<>(given.length);
        for (int i = 0; i < given.length; i++) {
            if (expected.get(i).numeric() && !isNumber(given[i])) {
                return new InvalidRequest("Invalid number: " + printable(given[i]));
            }
            arguments.add(given[i]);
        }
        return new Pop3Request(verb, arguments);
    }

    private static Verb verb(String keyword) {
        if (keyword.length() < 3 || keyword.length() > 4) {
            return null;
        }
        try {
            return Verb.valueOf(keyword.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static boolean isNumber(String argument) {
        return argument.length() <= MAX_DIGITS && argument.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static InvalidRequest syntaxError(Verb verb) {
        return new InvalidRequest("Syntax: " + verb.syntax());
    }

    /** Strict UTF-8 without control characters (tab included), or null. */
    private static String decode(byte[] line) {
        boolean ascii = true;
        for (byte b : line) {
            if ((b >= 0 && b < 0x20) || b == 0x7f) {
                return null;
            }
            ascii &= b >= 0;
        }
        if (ascii) {
            return new String(line, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Echoes a client's word in an answer: short, so an answer cannot be inflated. */
    private static String printable(String word) {
        return word.length() > 20 ? word.substring(0, 20) + "..." : word;
    }
}
