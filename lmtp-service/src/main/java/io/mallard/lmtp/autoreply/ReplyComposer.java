package io.mallard.lmtp.autoreply;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import io.mallard.model.autoreply.Autoreply;
import io.mallard.model.ingest.ParsedMessage;

/**
 * The automatic reply itself (RFC 3834 §3): marked {@code Auto-Submitted: auto-replied}, threaded
 * to the original with In-Reply-To/References, a plain UTF-8 text body, or text and HTML as
 * {@code multipart/alternative} (RFC 2046 §5.1.4) when the autoreply has HTML.
 */
final class ReplyComposer {

    private final String hostName;

    ReplyComposer(String hostName) {
        this.hostName = hostName;
    }

    byte[] compose(Autoreply autoreply, String from, String to, ParsedMessage original, Instant now) {
        String subject = autoreply.subject() == null || autoreply.subject().isBlank()
                ? "Auto: " + (original.subject() == null ? "" : original.subject())
                : autoreply.subject();
        StringBuilder message = new StringBuilder()
                .append("From: ").append(sender(autoreply.name(), from)).append("\r\n")
                .append("To: <").append(to).append(">\r\n")
                .append("Subject: ").append(encode(subject)).append("\r\n")
                .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atZone(ZoneOffset.UTC))).append("\r\n")
                .append("Message-ID: <").append(UUID.randomUUID()).append('@').append(hostName).append(">\r\n");
        if (original.messageId() != null) {
            message.append("In-Reply-To: ").append(original.messageId()).append("\r\n")
                    .append("References: ").append(original.messageId()).append("\r\n");
        }
        message.append("Auto-Submitted: auto-replied\r\n")
                .append("MIME-Version: 1.0\r\n");
        String text = part("plain", autoreply.text());
        if (autoreply.html() == null || autoreply.html().isBlank()) {
            message.append(text);
        } else {
            // A random boundary: no line of either body will contain it (RFC 2046 §5.1.1).
            String boundary = "=_" + UUID.randomUUID();
            message.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\r\n\r\n")
                    .append("--").append(boundary).append("\r\n").append(text)
                    .append("--").append(boundary).append("\r\n").append(part("html", autoreply.html()))
                    .append("--").append(boundary).append("--\r\n");
        }
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A UTF-8 text entity: its header, a blank line, its CRLF-normalised body. */
    private static String part(String subtype, String body) {
        return "Content-Type: text/" + subtype + "; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + (body == null ? "" : body.replaceAll("\r?\n", "\r\n")) + "\r\n";
    }

    /** The From mailbox with the user's display name, quoted or RFC 2047-encoded as needed. */
    private static String sender(String name, String address) {
        if (name == null || name.isBlank()) {
            return "<" + address + ">";
        }
        try {
            return new InternetAddress(address, name.replaceAll("[\r\n]+", " "), "UTF-8").toString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 2047 for a non-ASCII subject; folding is left to the relay's line limits (short subjects). */
    private static String encode(String text) {
        try {
            return MimeUtility.encodeText(text.replaceAll("[\r\n]+", " "), "UTF-8", "Q");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
