package io.mallard.imap.codec;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * IMAP4rev1 mailbox names on the wire are modified UTF-7 (RFC 3501 §5.1.3): printable ASCII as
 * is, "&" as "&-", anything else as "&" + modified base64 of UTF-16BE + "-". Storage keeps Unicode.
 */
public final class MailboxName {

    private MailboxName() {
    }

    /** Wire form to Unicode; a malformed shift sequence is a syntax error. */
    public static String decode(String wire) {
        if (wire.indexOf('&') < 0) {
            return wire;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = wire.indexOf('-', i);
            if (end < 0) {
                throw new ImapSyntaxException("Invalid mailbox name encoding");
            }
            if (end == i + 1) {
                out.append('&');
            } else {
                try {
                    byte[] utf16 = Base64.getDecoder().decode(wire.substring(i + 1, end).replace(',', '/'));
                    if (utf16.length % 2 != 0) {
                        throw new ImapSyntaxException("Invalid mailbox name encoding");
                    }
                    out.append(new String(utf16, StandardCharsets.UTF_16BE));
                } catch (IllegalArgumentException e) {
                    throw new ImapSyntaxException("Invalid mailbox name encoding");
                }
            }
            i = end + 1;
        }
        return out.toString();
    }

    /** Unicode to wire form. */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '&') {
                out.append("&-");
                i++;
            } else if (c >= 0x20 && c <= 0x7e) {
                out.append(c);
                i++;
            } else {
                int end = i;
                while (end < name.length() && (name.charAt(end) < 0x20 || name.charAt(end) > 0x7e)) {
                    end++;
                }
                byte[] utf16 = name.substring(i, end).getBytes(StandardCharsets.UTF_16BE);
                out.append('&').append(Base64.getEncoder().withoutPadding().encodeToString(utf16).replace('/', ','))
                        .append('-');
                i = end;
            }
        }
        return out.toString();
    }
}
