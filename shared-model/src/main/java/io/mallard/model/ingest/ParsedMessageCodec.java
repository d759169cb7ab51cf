package io.mallard.model.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.bson.BsonBinary;
import org.bson.Document;
import org.bson.types.Binary;

import io.mallard.model.ingest.imap.ImapValueWriter;

/**
 * Converts a {@link ParsedMessage} to and from the BSON document the message store embeds.
 * Field names are short and stable; ENVELOPE and BODYSTRUCTURE are stored as the nested arrays
 * they are (strings, 64-bit numbers, nulls), so IMAP renders them without rebuilding. ENVELOPE is
 * also stored rendered ({@link ParsedParts#ENVELOPE_TEXT}): a FETCH of 50 messages' envelopes then
 * reads one string a message instead of about 40 nested elements, each encoded by the store,
 * decoded by the driver and rendered again.
 */
public final class ParsedMessageCodec {

    /** The stored fields {@link #summary} reads: what a listing projects from {@code content.parsed}. */
    public static final List<String> SUMMARY_FIELDS = List.of("from", "to", "cc", "subject", "date", "hasAttachments");

    /**
     * Every stored field but {@code text}, the extracted text (up to {@link ParsedMessage#MAX_TEXT}
     * characters) that only a text search reads: what IMAP FETCH, SORT and THREAD project.
     */
    public static final List<String> FIELDS_BUT_TEXT = List.of("size", "subject", "from", "to", "cc", "bcc", "replyTo",
            "sender", "date", "messageId", "inReplyTo", "references", "listId", "autoSubmitted", "precedence",
            "listUnsubscribe", "envelope", "bodystructure", "attachments", "hasAttachments", "mimeTree");

    private ParsedMessageCodec() {
    }

    public static Document toDocument(ParsedMessage message) {
        return new Document("size", message.size())
                .append("subject", message.subject())
                .append("from", addresses(message.from()))
                .append("to", addresses(message.to()))
                .append("cc", addresses(message.cc()))
                .append("bcc", addresses(message.bcc()))
                .append("replyTo", addresses(message.replyTo()))
                .append("sender", addresses(message.sender()))
                .append("date", message.date() == null ? null : Date.from(message.date()))
                .append("messageId", message.messageId())
                .append("inReplyTo", message.inReplyTo())
                .append("references", message.references())
                .append("listId", message.listId())
                .append("autoSubmitted", message.autoSubmitted())
                .append("precedence", message.precedence())
                .append("listUnsubscribe", message.listUnsubscribe())
                .append(ParsedParts.ENVELOPE, message.envelope())
                .append(ParsedParts.ENVELOPE_TEXT, ImapValueWriter.writeEnvelope(message.envelope()))
                .append(ParsedParts.BODY_STRUCTURE, message.bodyStructure())
                .append("text", message.text())
                .append("attachments", message.attachments().stream().map(ParsedMessageCodec::attachment).toList())
                .append("hasAttachments", message.hasAttachments())
                .append(ParsedParts.MIME_TREE, part(message.mimeTree()));
    }

    /** A listing's view of a stored parsed document, which may hold only {@link #SUMMARY_FIELDS}. */
    public static ParsedSummary summary(Document document) {
        Date date = document.getDate("date");
        return new ParsedSummary(addresses(document, "from"), addresses(document, "to"), addresses(document, "cc"),
                document.getString("subject"), date == null ? null : date.toInstant(),
                Boolean.TRUE.equals(document.getBoolean("hasAttachments")));
    }

    /**
     * The FETCH parts of a stored parsed document that may hold only some fields: what it does not
     * hold is {@code null}, and nothing else of it is decoded.
     */
    public static ParsedParts parts(Document document) {
        return new ParsedParts(document.getList(ParsedParts.ENVELOPE, Object.class),
                document.getString(ParsedParts.ENVELOPE_TEXT),
                document.getList(ParsedParts.BODY_STRUCTURE, Object.class),
                mimeTree(document),
                bytes(document.get(ParsedParts.HEADER)));
    }

    /**
     * {@code parsed} with the header block of {@code raw} (the root entity's header, up to its
     * body), which IMAP reads for HEADER and HEADER.FIELDS instead of the message's bytes; none
     * when it is larger than {@link ParsedParts#MAX_HEADER}.
     */
    public static Document withHeader(Document parsed, byte[] raw, MimePart root) {
        int length = (int) (root.bodyStart() - root.headerStart());
        return length > ParsedParts.MAX_HEADER ? parsed
                : parsed.append(ParsedParts.HEADER, Arrays.copyOfRange(raw, (int) root.headerStart(), (int) root.bodyStart()));
    }

    /** A stored binary as the store's codecs decoded it ({@code MongoStore} reads {@code BsonBinary}). */
    private static byte[] bytes(Object binary) {
        if (binary instanceof BsonBinary bson) {
            return bson.getData();
        }
        return binary instanceof Binary plain ? plain.getData() : null;
    }

    /**
     * The parsed message, also of a document read with only some fields (IMAP SEARCH projects
     * those its keys read): what it does not hold decodes as 0, empty or null.
     */
    public static ParsedMessage fromDocument(Document document) {
        Date date = document.getDate("date");
        return new ParsedMessage(
                document.get("size") instanceof Number size ? size.longValue() : 0,
                document.getString("subject"),
                addresses(document, "from"),
                addresses(document, "to"),
                addresses(document, "cc"),
                addresses(document, "bcc"),
                addresses(document, "replyTo"),
                addresses(document, "sender"),
                date == null ? null : date.toInstant(),
                document.getString("messageId"),
                document.getString("inReplyTo"),
                document.getList("references", String.class, List.of()),
                document.getString("listId"),
                document.getString("autoSubmitted"),
                document.getString("precedence"),
                document.getString("listUnsubscribe"),
                document.getList(ParsedParts.ENVELOPE, Object.class, List.of()),
                document.getList(ParsedParts.BODY_STRUCTURE, Object.class, List.of()),
                document.getString("text"),
                document.getList("attachments", Document.class, List.of()).stream()
                        .map(ParsedMessageCodec::attachment).toList(),
                mimeTree(document));
    }

    private static List<Document> addresses(List<MailAddress> addresses) {
        return addresses.stream()
                .map(address -> new Document("name", address.name()).append("address", address.address()))
                .toList();
    }

    private static List<MailAddress> addresses(Document document, String key) {
        List<MailAddress> result = new ArrayList<>();
        for (Document address : document.getList(key, Document.class, List.of())) {
            result.add(new MailAddress(address.getString("name"), address.getString("address")));
        }
        return result;
    }

    private static Document attachment(AttachmentInfo info) {
        return new Document("partId", info.partId())
                .append("filename", info.filename())
                .append("contentType", info.contentType())
                .append("disposition", info.disposition())
                .append("contentId", info.contentId())
                .append("transferEncoding", info.transferEncoding())
                .append("encodedSize", info.encodedSize())
                .append("size", info.decodedSize());
    }

    private static AttachmentInfo attachment(Document document) {
        return new AttachmentInfo(document.getString("partId"), document.getString("filename"),
                document.getString("contentType"), document.getString("disposition"),
                document.getString("contentId"), document.getString("transferEncoding"),
                document.get("encodedSize", Number.class).longValue(), document.get("size", Number.class).longValue());
    }

    /** {s: section, h: header start, b: body start, e: end, t: content type, p: [parts], m: message}. */
    private static Document part(MimePart part) {
        Document document = new Document("s", part.section())
                .append("h", part.headerStart())
                .append("b", part.bodyStart())
                .append("e", part.end())
                .append("t", part.contentType());
        if (!part.parts().isEmpty()) {
            document.append("p", part.parts().stream().map(ParsedMessageCodec::part).toList());
        }
        if (part.message() != null) {
            document.append("m", part(part.message()));
        }
        return document;
    }

    /** The stored MIME tree, or null when the document was read without it. */
    private static MimePart mimeTree(Document parsed) {
        Document tree = parsed.get(ParsedParts.MIME_TREE, Document.class);
        return tree == null ? null : part(tree);
    }

    private static MimePart part(Document document) {
        Document message = document.get("m", Document.class);
        return new MimePart(document.getString("s"),
                document.get("h", Number.class).longValue(),
                document.get("b", Number.class).longValue(),
                document.get("e", Number.class).longValue(),
                document.getString("t"),
                document.getList("p", Document.class, List.of()).stream().map(ParsedMessageCodec::part).toList(),
                message == null ? null : part(message));
    }
}
