package io.mallard.lmtp.codec;

import java.util.Locale;
import java.util.Map;

/**
 * Turns one command line into an {@link LmtpCommand}. Verbs are case-insensitive (RFC 5321
 * §2.4); a malformed argument throws {@link CommandSyntaxException}.
 */
public final class CommandParser {

    private CommandParser() {
    }

    public static LmtpCommand parse(String line) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        return switch (verb) {
            case "LHLO" -> new LmtpCommand.Lhlo(domain(argument));
            case "HELO", "EHLO" -> new LmtpCommand.SmtpGreeting(verb);
            case "MAIL" -> mailFrom(argument);
            case "RCPT" -> rcptTo(argument);
            case "DATA" -> noArgument(argument, new LmtpCommand.Data());
            case "BDAT" -> bdat(argument);
            case "RSET" -> noArgument(argument, new LmtpCommand.Rset());
            // RFC 5321 §4.1.1.9: NOOP may carry a string, which is ignored.
            case "NOOP" -> new LmtpCommand.Noop();
            case "QUIT" -> noArgument(argument, new LmtpCommand.Quit());
            case "VRFY" -> new LmtpCommand.Vrfy(argument.trim());
            case "STARTTLS" -> noArgument(argument, new LmtpCommand.StartTls());
            default -> new LmtpCommand.Unknown(verb);
        };
    }

    private static String domain(String argument) {
        String domain = argument.trim();
        if (domain.isEmpty() || domain.contains(" ")) {
            throw new CommandSyntaxException("LHLO requires a domain");
        }
        return domain;
    }

    private static LmtpCommand mailFrom(String argument) {
        String path = after(argument, "FROM:");
        PathParser.ParsedPath parsed = PathParser.parse(path, true);
        long size = -1;
        String body = "7BIT";
        boolean smtpUtf8 = false;
        for (Map.Entry<String, String> parameter : parsed.parameters().entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "SIZE" -> size = number(value, "SIZE");
                case "BODY" -> {
                    body = value == null ? "" : value.toUpperCase(Locale.ROOT);
                    // RFC 6152 §2, RFC 3030 §3: the body types this server accepts.
                    if (!body.equals("7BIT") && !body.equals("8BITMIME") && !body.equals("BINARYMIME")) {
                        throw new CommandSyntaxException("Unknown BODY type");
                    }
                }
                case "SMTPUTF8" -> {
                    if (value != null) {
                        throw new CommandSyntaxException("SMTPUTF8 takes no value");
                    }
                    smtpUtf8 = true;
                }
                // RFC 3461 DSN parameters an MTA may pass along; delivery status is not tracked here.
                case "RET", "ENVID", "AUTH" -> {
                }
                default -> throw new CommandSyntaxException("Unsupported parameter " + parameter.getKey());
            }
        }
        return new LmtpCommand.MailFrom(parsed.mailbox(), size, body, smtpUtf8);
    }

    private static LmtpCommand rcptTo(String argument) {
        PathParser.ParsedPath parsed = PathParser.parse(after(argument, "TO:"), false);
        for (String key : parsed.parameters().keySet()) {
            // RFC 3461 §4: NOTIFY and ORCPT are tolerated for MTAs that always send them.
            if (!key.equals("NOTIFY") && !key.equals("ORCPT")) {
                throw new CommandSyntaxException("Unsupported parameter " + key);
            }
        }
        return new LmtpCommand.RcptTo(parsed.mailbox());
    }

    private static LmtpCommand bdat(String argument) {
        String[] words = argument.trim().split(" +");
        if (words.length == 0 || words.length > 2 || words[0].isEmpty()
                || (words.length == 2 && !words[1].equalsIgnoreCase("LAST"))) {
            throw new CommandSyntaxException("BDAT <size> [LAST]");
        }
        return new LmtpCommand.Bdat(number(words[0], "BDAT size"), words.length == 2);
    }

    private static String after(String argument, String keyword) {
        if (argument.length() < keyword.length() || !argument.substring(0, keyword.length()).equalsIgnoreCase(keyword)) {
            throw new CommandSyntaxException("Expected " + keyword);
        }
        return argument.substring(keyword.length());
    }

    private static long number(String value, String what) {
        if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new CommandSyntaxException(what + " must be a number");
        }
        return Long.parseLong(value);
    }

    private static LmtpCommand noArgument(String argument, LmtpCommand command) {
        if (!argument.isBlank()) {
            throw new CommandSyntaxException("No argument expected");
        }
        return command;
    }
}
