package io.mallard.model.ingest;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * Everything Mallard needs of a message after parsing it once at ingest. Header values are
 * decoded (RFC 2047, RFC 6532) for search and the API; {@link #envelope()} and
 * {@link #bodyStructure()} keep the raw forms IMAP must return (RFC 3501 §7.4.2) as nested lists
 * of strings, numbers and nulls (NIL), storable in BSON as they are.
 *
 * @param size the raw message size in bytes
 * @param date the parsed Date header, or {@code null} when absent or unreadable
 * @param references message ids from References, in order
 * @param text searchable text, at most {@link #MAX_TEXT} characters
 */
public record ParsedMessage(long size, String subject, List<MailAddress> from, List<MailAddress> to,
        List<MailAddress> cc, List<MailAddress> bcc, List<MailAddress> replyTo, List<MailAddress> sender,
        Instant date, String messageId, String inReplyTo, List<String> references, String listId,
        String autoSubmitted, String precedence, String listUnsubscribe, List<Object> envelope,
        List<Object> bodyStructure, String text, List<AttachmentInfo> attachments, MimePart mimeTree) {

    public static final int MAX_TEXT = TextExtractor.MAX_TEXT;

    public ParsedMessage {
        from = List.copyOf(from);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        replyTo = List.copyOf(replyTo);
        sender = List.copyOf(sender);
        references = List.copyOf(references);
        attachments = List.copyOf(attachments);
        // These hold nulls (NIL), which List.copyOf refuses.
        envelope = Collections.unmodifiableList(envelope);
        bodyStructure = Collections.unmodifiableList(bodyStructure);
    }

    public boolean hasAttachments() {
        return !attachments.isEmpty();
    }
}
