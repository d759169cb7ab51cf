package io.mallard.imap.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an assembled command (line parts and literal octets, as {@link CommandAssembler} joins
 * them) into {@link Token}s. Literals appear as {@code {n}CRLF} followed by n octets, exactly as
 * on the wire, so a CRLF inside a literal is data, never a line end (RFC 9051 §4.3).
 */
public final class Tokenizer {

    private final byte[] input;
    private int position;

    public Tokenizer(byte[] input) {
        this.input = input;
    }

    public static List<Token> tokenize(byte[] input) {
        Tokenizer tokenizer = new Tokenizer(input);
        List<Token> tokens = tokenizer.sequence(false);
        if (tokenizer.position < input.length) {
            throw new ImapSyntaxException("Unexpected ')'");
        }
        return tokens;
    }

    private List<Token> sequence(boolean inList) {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (position >= input.length) {
                if (inList) {
                    throw new ImapSyntaxException("Unterminated list");
                }
                return tokens;
            }
            byte b = input[position];
            if (b == ')') {
                if (!inList) {
                    return tokens;
                }
                position++;
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        byte b = input[position];
        if (b == '(') {
            position++;
            return new Token.ListOf(sequence(true));
        }
        if (b == '"') {
            return quoted();
        }
        if (b == '{' || (b == '~' && position + 1 < input.length && input[position + 1] == '{')) {
            return literal();
        }
        return atom();
    }

    private void skipSpaces() {
        while (position < input.length && input[position] == ' ') {
            position++;
        }
    }

    /** RFC 9051 §4.3 quoted: backslash escapes only '"' and '\'; CR and LF are not allowed. */
    private Token quoted() {
        position++;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (position < input.length) {
            byte b = input[position++];
            if (b == '"') {
                return new Token.Str(out.toByteArray(), false);
            }
            if (b == '\r' || b == '\n') {
                throw new ImapSyntaxException("Line break in quoted string");
            }
            if (b == '\\') {
                if (position >= input.length || (input[position] != '"' && input[position] != '\\')) {
                    throw new ImapSyntaxException("Invalid escape in quoted string");
                }
                b = input[position++];
            }
            out.write(b);
        }
        throw new ImapSyntaxException("Unterminated quoted string");
    }

    private Token literal() {
        if (input[position] == '~') {
            position++;
        }
        int close = indexOf((byte) '}', position);
        if (close < 0) {
            throw new ImapSyntaxException("Malformed literal");
        }
        String count = new String(input, position + 1, close - position - 1, StandardCharsets.US_ASCII);
        if (count.endsWith("+") || count.endsWith("-")) {
            count = count.substring(0, count.length() - 1);
        }
        int size;
        try {
            size = Integer.parseInt(count);
        } catch (NumberFormatException e) {
            throw new ImapSyntaxException("Malformed literal size");
        }
        int start = close + 1;
        if (start + 2 > input.length || input[start] != '\r' || input[start + 1] != '\n') {
            throw new ImapSyntaxException("Literal not followed by CRLF");
        }
        start += 2;
        if (size < 0 || start + size > input.length) {
            throw new ImapSyntaxException("Literal shorter than announced");
        }
        position = start + size;
        return new Token.Str(Arrays.copyOfRange(input, start, start + size), true);
    }

    /** An atom; a '[' opens a section that may hold spaces and parentheses up to its ']'. */
    private Token atom() {
        int start = position;
        int depth = 0;
        while (position < input.length) {
            byte b = input[position];
            if (b == '[') {
                depth++;
            } else if (b == ']' && depth > 0) {
                // Outside a section ']' is an ordinary astring character (RFC 9051 §9 resp-specials).
                depth--;
            } else if (depth == 0 && (b == ' ' || b == '(' || b == ')' || b == '"' || b == '{')) {
                break;
            }
            if (b == '\r' || b == '\n' || b < 0x20 && b >= 0) {
                throw new ImapSyntaxException("Control character in atom");
            }
            position++;
        }
        if (depth != 0) {
            throw new ImapSyntaxException("Unbalanced brackets");
        }
        if (position == start) {
            throw new ImapSyntaxException("Empty atom");
        }
        return new Token.Atom(new String(input, start, position - start, StandardCharsets.UTF_8));
    }

    private int indexOf(byte wanted, int from) {
        for (int i = from; i < input.length && input[i] != '\r'; i++) {
            if (input[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
