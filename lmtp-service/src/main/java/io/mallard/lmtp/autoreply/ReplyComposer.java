package io.mallard.lmtp.autoreply;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import jakarta.mail.internet.MimeUtility;

import io.mallard.model.autoreply.Autoreply;
import io.mallard.model.ingest.ParsedMessage;

/**
 * The automatic reply itself (RFC 3834 §3): marked {@code Auto-Submitted: auto-replied}, threaded
 * to the original with In-Reply-To/References, a plain UTF-8 text body.
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
                .append("From: <").append(from).append(">\r\n")
                .append("To: <").append(to).append(">\r\n")
                .append("Subject: ").append(encode(subject)).append("\r\n")
                .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atZone(ZoneOffset.UTC))).append("\r\n")
                .append("Message-ID: <").append(UUID.randomUUID()).append('@').append(hostName).append(">\r\n");
        if (original.messageId() != null) {
            message.append("In-Reply-To: ").append(original.messageId()).append("\r\n")
                    .append("References: ").append(original.messageId()).append("\r\n");
        }
        message.append("Auto-Submitted: auto-replied\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n")
                .append(autoreply.text() == null ? "" : autoreply.text().replaceAll("\r?\n", "\r\n"))
                .append("\r\n");
        return message.toString().getBytes(StandardCharsets.UTF_8);
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
