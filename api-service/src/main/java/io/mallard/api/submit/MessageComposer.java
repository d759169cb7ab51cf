package io.mallard.api.submit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import jakarta.activation.DataHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.ByteArrayDataSource;

import io.mallard.web.ApiException;

/**
 * Builds an RFC 5322 message from a submission with Angus Mail: text and HTML as
 * multipart/alternative, attachments around them in multipart/mixed, names and subject encoded by
 * RFC 2047, file names by RFC 2231. Two renderings of one message: the stored copy keeps Bcc (the
 * sender's record of who got it, as WildDuck keeps it), the one sent leaves it out (RFC 5322 §3.6.3).
 * Pure and blocking: callers run it off the event loop.
 */
final class MessageComposer {

    /** Fields the composer writes from their own JSON fields; an extra header may not set them. */
    private static final Set<String> OWN = Set.of("from", "sender", "reply-to", "to", "cc", "bcc", "subject", "date",
            "message-id", "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding");

    private final Session session;

    MessageComposer() {
        Properties properties = new Properties();
        // RFC 2231 parameter encoding for non-ASCII file names.
        properties.put("mail.mime.encodeparameters", "true");
        this.session = Session.getInstance(properties);
    }

    /** What goes into the message, resolved: addresses checked, the reply's headers worked out. */
    record Draft(InternetAddress from, InternetAddress replyTo, List<InternetAddress> to, List<InternetAddress> cc,
            List<InternetAddress> bcc, String subject, String text, String html,
            List<SubmitRequests.Attachment> attachments, List<SubmitRequests.Header> headers, String inReplyTo,
            String references, String messageId, Instant date) {
    }

    /** The two renderings; {@code sent} is what the relay gets. */
    record Composed(byte[] stored, byte[] sent) {
    }

    Composed compose(Draft draft) {
        try {
            MimeMessage message = new FixedIdMessage(session, draft.messageId());
            message.setFrom(draft.from());
            if (draft.replyTo() != null) {
                message.setReplyTo(new InternetAddress[] {draft.replyTo()});
            }
            message.setRecipients(RecipientType.TO, draft.to().toArray(InternetAddress[]::new));
            message.setRecipients(RecipientType.CC, draft.cc().toArray(InternetAddress[]::new));
            message.setRecipients(RecipientType.BCC, draft.bcc().toArray(InternetAddress[]::new));
            message.setSubject(draft.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(draft.date()));
            if (draft.inReplyTo() != null) {
                message.setHeader("In-Reply-To", draft.inReplyTo());
            }
            if (draft.references() != null) {
                message.setHeader("References", draft.references());
            }
            for (SubmitRequests.Header header : draft.headers()) {
                if (OWN.contains(header.key().toLowerCase(Locale.ROOT))) {
                    throw ApiException.invalidField("headers", header.key() + " is set from its own field");
                }
                message.addHeader(header.key(), header.value());
            }
            body(message, draft);
            message.saveChanges();
            byte[] stored = bytes(message);
            message.removeHeader("Bcc");
            return new Composed(stored, bytes(message));
        } catch (MessagingException e) {
            throw ApiException.invalidInput("The message cannot be composed: " + e.getMessage());
        }
    }

    private static void body(MimeMessage message, Draft draft) throws MessagingException {
        if (draft.attachments().isEmpty()) {
            fill(message, draft);
            return;
        }
        MimeBodyPart content = new MimeBodyPart();
        fill(content, draft);
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(content);
        for (SubmitRequests.Attachment attachment : draft.attachments()) {
            mixed.addBodyPart(attachmentPart(attachment));
        }
        message.setContent(mixed);
    }

    /** The readable content: text, HTML, or both as alternatives (RFC 2046 §5.1.4), plain first. */
    private static void fill(MimePart target, Draft draft) throws MessagingException {
        if (draft.text() != null && draft.html() != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart(draft.text(), "plain"));
            alternative.addBodyPart(textPart(draft.html(), "html"));
            target.setContent(alternative);
        } else if (draft.html() != null) {
            target.setText(draft.html(), StandardCharsets.UTF_8.name(), "html");
        } else {
            target.setText(draft.text() == null ? "" : draft.text(), StandardCharsets.UTF_8.name(), "plain");
        }
    }

    private static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, StandardCharsets.UTF_8.name(), subtype);
        return part;
    }

    private static MimeBodyPart attachmentPart(SubmitRequests.Attachment attachment) throws MessagingException {
        byte[] bytes;
        if (attachment.encoding() == null || attachment.encoding().equals("base64")) {
            try {
                // Line breaks are allowed, anything else outside the alphabet is not (the MIME decoder would skip it).
                bytes = Base64.getDecoder().decode(attachment.content().replaceAll("[\\r\\n ]", ""));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("attachments", "content is not valid base64");
            }
        } else {
            bytes = attachment.content().getBytes(StandardCharsets.UTF_8);
        }
        String type = attachment.contentType() == null ? "application/octet-stream" : attachment.contentType();
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
        if (attachment.filename() != null) {
            part.setFileName(attachment.filename());
        }
        part.setDisposition(attachment.contentDisposition() == null ? MimeBodyPart.ATTACHMENT : attachment.contentDisposition());
        if (attachment.cid() != null && !attachment.cid().isEmpty()) {
            part.setContentID("<" + attachment.cid() + ">");
        }
        return part;
    }

    private static byte[] bytes(MimeMessage message) throws MessagingException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Angus would invent a Message-ID on save; ours names our host and is known before composing. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
