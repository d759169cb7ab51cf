package io.mallard.lmtp.codec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Splits the argument of MAIL FROM / RCPT TO into the path and its ESMTP parameters
 * (RFC 5321 §4.1.2): {@code <local@domain> KEY=VALUE ...}. The mailbox is checked for shape only
 * (one {@code @}, no spaces or controls, a dotted domain or an address literal); the recipient's
 * existence is the session's business.
 */
final class PathParser {

    /** RFC 5321 §4.5.3.1.3: 256 octets for a path including the brackets. */
    static final int MAX_PATH = 256;

    private PathParser() {
    }

    record ParsedPath(String mailbox, Map<String, String> parameters) {
    }

    /** @param argument the text after {@code FROM:} or {@code TO:}, spaces before the bracket allowed */
    static ParsedPath parse(String argument, boolean nullAllowed) {
        String rest = argument.stripLeading();
        if (!rest.startsWith("<")) {
            throw new CommandSyntaxException("Path must be enclosed in <>");
        }
        int close = closingBracket(rest);
        if (close < 0) {
            throw new CommandSyntaxException("Unterminated path");
        }
        if (close + 1 > MAX_PATH) {
            throw new CommandSyntaxException("Path too long");
        }
        String mailbox = withoutSourceRoute(rest.substring(1, close));
        if (mailbox.isEmpty()) {
            if (!nullAllowed) {
                throw new CommandSyntaxException("Empty recipient");
            }
        } else {
            checkMailbox(mailbox);
        }
        return new ParsedPath(mailbox, parameters(rest.substring(close + 1)));
    }

    /** The closing bracket, skipping a quoted local part that may contain one. */
    private static int closingBracket(String text) {
        boolean quoted = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 5321 §4.1.2 and Appendix C: an obsolete source route {@code @a,@b:} is accepted and ignored. */
    private static String withoutSourceRoute(String path) {
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            if (colon < 0) {
                throw new CommandSyntaxException("Bad source route");
            }
            return path.substring(colon + 1);
        }
        return path;
    }

    private static void checkMailbox(String mailbox) {
        int at = mailbox.lastIndexOf('@');
        if (at <= 0 || at == mailbox.length() - 1) {
            throw new CommandSyntaxException("Address must be local@domain");
        }
        String local = mailbox.substring(0, at);
        String domain = mailbox.substring(at + 1);
        boolean quoted = local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"");
        for (int i = 0; i < mailbox.length(); i++) {
            char c = mailbox.charAt(i);
            if (c < 0x20 || c == 0x7f || (c == ' ' && !quoted)) {
                throw new CommandSyntaxException("Invalid character in address");
            }
        }
        if (!quoted && (local.startsWith(".") || local.endsWith(".") || local.contains("..")
                || local.chars().anyMatch(c -> "()<>[]\\,;:@\"".indexOf(c) >= 0))) {
            throw new CommandSyntaxException("Invalid local part");
        }
        boolean literal = domain.startsWith("[") && domain.endsWith("]");
        if (!literal && (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")
                || domain.chars().anyMatch(c -> "()<>[]\\,;:@\" ".indexOf(c) >= 0))) {
            throw new CommandSyntaxException("Invalid domain");
        }
    }

    /** RFC 5321 §4.1.2 esmtp-param: keyword names are case-insensitive, values are not. */
    private static Map<String, String> parameters(String text) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!text.isEmpty() && !text.startsWith(" ")) {
            throw new CommandSyntaxException("Space expected after path");
        }
        for (String word : text.trim().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            int equals = word.indexOf('=');
            String key = (equals < 0 ? word : word.substring(0, equals)).toUpperCase(Locale.ROOT);
            if (key.isEmpty() || !key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
                throw new CommandSyntaxException("Bad parameter " + word);
            }
            if (parameters.put(key, equals < 0 ? null : word.substring(equals + 1)) != null || parameters.size() > 16) {
                throw new CommandSyntaxException("Repeated or too many parameters");
            }
        }
        return parameters;
    }
}
