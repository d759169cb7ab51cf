package io.mallard.api.messages;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mallard.model.ingest.AttachmentInfo;
import io.mallard.model.ingest.MailAddress;
import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.ingest.ParsedSummary;
import io.mallard.model.message.Message;

/** Response bodies of the message resource, in WildDuck's shapes; {@code id} is the message's UID. */
public final class MessageViews {

    static final String FLAGGED = "\\Flagged";
    static final String DRAFT = "\\Draft";
    static final String ANSWERED = "\\Answered";

    private MessageViews() {
    }

    public record Listed(long id, String mailbox, String thread, List<MailAddress> from, List<MailAddress> to,
            List<MailAddress> cc, String subject, Instant date, Instant idate, long size, boolean attachments,
            boolean seen, boolean deleted, boolean flagged, boolean draft, boolean answered, List<String> flags) {

        static Listed of(Message message, ParsedSummary parsed) {
            return new Listed(message.uid(), message.mailbox().toHexString(), message.thread().toHexString(),
                    parsed.from(), parsed.to(), parsed.cc(), parsed.subject(), parsed.date(), message.internalDate(),
                    message.size(), parsed.hasAttachments(), has(message, Message.SEEN), has(message, Message.DELETED),
                    has(message, FLAGGED), has(message, DRAFT), has(message, ANSWERED), message.flags());
        }
    }

    /** WildDuck sends {@code false} rather than null for a missing cursor. */
    public record Listing(boolean success, long total, Object nextCursor, Object previousCursor, List<Listed> results) {
    }

    record Header(String key, String value) {
    }

    record Attachment(String id, String filename, String contentType, String disposition, String transferEncoding,
            String contentId, long size) {

        static Attachment of(AttachmentInfo info) {
            return new Attachment(attachmentId(info), info.filename(), info.contentType(), info.disposition(),
                    info.transferEncoding(), info.contentId(), info.decodedSize());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Details(boolean success, long id, String mailbox, String user, String thread, List<Header> headers,
            List<MailAddress> from, List<MailAddress> to, List<MailAddress> cc, List<MailAddress> bcc,
            List<MailAddress> replyTo, String subject, String messageId, String inReplyTo, List<String> references,
            Instant date, Instant idate, long size, boolean seen, boolean deleted, boolean flagged, boolean draft,
            boolean answered, List<String> flags, String text, List<Attachment> attachments) {

        static Details of(Message message, ParsedMessage parsed, List<Header> headers) {
            return new Details(true, message.uid(), message.mailbox().toHexString(), message.user().toHexString(),
                    message.thread().toHexString(), headers, parsed.from(), parsed.to(), parsed.cc(), parsed.bcc(),
                    parsed.replyTo(), parsed.subject(), parsed.messageId(), parsed.inReplyTo(), parsed.references(),
                    parsed.date(), message.internalDate(), message.size(), has(message, Message.SEEN),
                    has(message, Message.DELETED), has(message, FLAGGED), has(message, DRAFT), has(message, ANSWERED),
                    message.flags(), parsed.text(), parsed.attachments().stream().map(Attachment::of).toList());
        }
    }

    record Uploaded(boolean success, UploadedMessage message) {
    }

    record UploadedMessage(long id, String mailbox, long size) {
    }

    record Updated(boolean success, long updated) {
    }

    /** A move: the target mailbox and each {@code [source UID, target UID]} pair. */
    record Moved(boolean success, String mailbox, List<List<Long>> id) {
    }

    /** WildDuck names attachments ATT followed by a number; the IMAP section keeps them stable here. */
    public static String attachmentId(AttachmentInfo info) {
        return "ATT" + info.partId();
    }

    private static boolean has(Message message, String flag) {
        return message.flags().contains(flag);
    }
}
