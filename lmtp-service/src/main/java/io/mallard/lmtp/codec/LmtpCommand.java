package io.mallard.lmtp.codec;

/**
 * One parsed LMTP command line (RFC 2033 §4, RFC 5321 §4.1.1, RFC 3030 §2). Values only: the
 * session decides whether the command is allowed now.
 */
public sealed interface LmtpCommand {

    /** RFC 2033 §4.1: LHLO replaces EHLO. */
    record Lhlo(String domain) implements LmtpCommand {
    }

    /** HELO or EHLO: refused on an LMTP port (RFC 2033 §4.1), so a misdirected SMTP client fails fast. */
    record SmtpGreeting(String verb) implements LmtpCommand {
    }

    /**
     * RFC 5321 §4.1.1.2 with its ESMTP parameters.
     *
     * @param reversePath the sender, empty for the null reverse-path {@code <>}
     * @param size RFC 1870 SIZE declared by the client, or -1
     * @param body RFC 6152 BODY value, {@code 7BIT} when absent
     * @param smtpUtf8 RFC 6531 §3.4 SMTPUTF8 given
     */
    record MailFrom(String reversePath, long size, String body, boolean smtpUtf8) implements LmtpCommand {
    }

    /** RFC 5321 §4.1.1.3; the forward-path without its angle brackets. */
    record RcptTo(String forwardPath) implements LmtpCommand {
    }

    /** RFC 5321 §4.1.1.4. */
    record Data() implements LmtpCommand {
    }

    /** RFC 3030 §2: a chunk of {@code size} octets follows the command line at once. */
    record Bdat(long size, boolean last) implements LmtpCommand {
    }

    record Rset() implements LmtpCommand {
    }

    record Noop() implements LmtpCommand {
    }

    record Quit() implements LmtpCommand {
    }

    /** RFC 5321 §3.5.3: answered 252, never confirming an address to a prober. */
    record Vrfy(String argument) implements LmtpCommand {
    }

    /** RFC 3207. */
    record StartTls() implements LmtpCommand {
    }

    /** A verb this server does not know: 500 5.5.1 (RFC 5321 §4.2.4). */
    record Unknown(String verb) implements LmtpCommand {
    }
}
