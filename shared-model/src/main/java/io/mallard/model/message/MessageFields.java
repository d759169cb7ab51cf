package io.mallard.model.message;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Projections;

import io.mallard.model.ingest.ParsedMessageCodec;

/**
 * How much of each message document a listing reads. The parsed content (envelope, body
 * structure, extracted text) is most of a document's weight and POP3 never needs it: leaving it
 * in the store spares the store encoding it and this process decoding it.
 *
 * <p>The projections name the fields to keep rather than the one to drop: the embedded store
 * answers an exclusion by deep-copying the whole document first (mongo-java-server 1.47
 * {@code Projection}), which cost more than sending the parsed content did.
 */
public final class MessageFields {

    /** The whole document (IMAP FETCH, the API's parsed view). */
    public static final MessageFields ALL = new MessageFields(null, 16);
    /**
     * All but the searchable text (up to {@code ParsedMessage.MAX_TEXT} characters a message): what
     * a search on header fields that does not look at TEXT or BODY decides on.
     */
    public static final MessageFields ALL_BUT_TEXT = withParsed(ParsedMessageCodec.FIELDS_BUT_TEXT, true);
    /**
     * The parsed content but the searchable text, without the stored bytes ({@code content.raw},
     * inline up to a megabyte a message): what a search on addresses, subject or dates decides on.
     * {@link io.mallard.model.mail.MessageContent#raw} cannot be asked of such a message.
     */
    public static final MessageFields PARSED = withParsed(ParsedMessageCodec.FIELDS_BUT_TEXT, false);
    /**
     * All but {@code content.parsed}: enough to stream the original bytes (POP3 RETR and TOP);
     * {@link io.mallard.model.mail.MessageContent#parsed} cannot be asked of such a message.
     */
    public static final MessageFields RAW = new MessageFields(Projections.fields(Projections.include(Message.FIELDS_BUT_CONTENT),
            Projections.include("content.raw")), 256);
    /**
     * What an API listing shows: the message's own fields but its Message-ID and thread subject
     * ({@link Message#messageId()} and {@link Message#subject()} are null), and the parsed fields
     * of {@link ParsedMessageCodec#SUMMARY_FIELDS}; the envelope, body structure, text and MIME
     * tree stay in the store, and only {@link io.mallard.model.mail.MessageContent#summary} can be
     * asked of such a message.
     */
    public static final MessageFields SUMMARY = new MessageFields(Projections.include(Stream.concat(
            Message.FIELDS_BUT_CONTENT.stream().filter(field -> !field.equals("messageId") && !field.equals("subject")),
            ParsedMessageCodec.SUMMARY_FIELDS.stream().map(field -> "content.parsed." + field)).toList()), 256);
    /** No content at all, {@link Message#content()} is empty: every field of the message but its content. */
    public static final MessageFields NONE = new MessageFields(Projections.include(Message.FIELDS_BUT_CONTENT), 1024);
    /**
     * A POP3 maildrop's listing: id, UID, size and flags, and what tells a message from a
     * tombstone; the mailbox, owner, thread, MODSEQ, Message-ID and subject are null or 0, and
     * {@link Message#content()} is empty. Six fields of twelve: a login lists up to thousands.
     */
    /**
     * What a SEARCH the store decides alone answers with: the UID and MODSEQ, and what tells a
     * message from a tombstone; every other field is null or 0 and {@link Message#content()} is
     * empty. Five fields of twelve, for up to a whole mailbox of matches.
     */
    public static final MessageFields UIDS = new MessageFields(
            Projections.include("_id", "uid", "modseq", "idate", "abandoned"), 1024);
    public static final MessageFields MAILDROP = new MessageFields(
            Projections.include("_id", "uid", "flags", "size", "idate", "abandoned"), 1024);

    private final Bson projection;
    private final int batchSize;

    private MessageFields(Bson projection, int batchSize) {
        this.projection = projection;
        this.batchSize = batchSize;
    }

    /** The message's own fields that IMAP FETCH renders (UID, FLAGS, ...) or sets \Seen by. */
    private static final List<String> FETCHED = List.of("_id", "mailbox", "uid", "modseq", "flags", "idate", "size",
            "abandoned");

    /**
     * Every field of the message but its content, the named fields of {@code content.parsed}
     * ({@link ParsedMessageCodec}'s names) and, with {@code raw}, the stored bytes.
     */
    public static MessageFields withParsed(Collection<String> parsedFields, boolean raw) {
        return of(Message.FIELDS_BUT_CONTENT, parsedFields, raw);
    }

    /**
     * What one IMAP FETCH renders from: the message's UID, flags, MODSEQ, date and size (not its
     * owner, thread, Message-ID and subject), the named fields of {@code content.parsed} and, with
     * {@code raw}, the stored bytes; other fields are null. The embedded store spends its time per
     * element it copies and encodes, and a FETCH of ENVELOPE and a header section needs two of the
     * parsed content's twenty-odd fields, leaving the addresses, the body structure and the
     * attachment list behind.
     */
    public static MessageFields fetch(Collection<String> parsedFields, boolean raw) {
        return of(FETCHED, parsedFields, raw);
    }

    private static MessageFields of(List<String> own, Collection<String> parsedFields, boolean raw) {
        return new MessageFields(Projections.include(Stream.of(own.stream(),
                raw ? Stream.of("content.raw") : Stream.<String>empty(),
                parsedFields.stream().map(field -> "content.parsed." + field)).flatMap(s -> s).toList()),
                parsedFields.isEmpty() && !raw ? 1024 : 128);
    }

    /**
     * How many documents a cursor brings back per round trip. Without one, the reactive driver
     * sizes each {@code getMore} by the subscriber's demand, which a {@code concatMap} or
     * {@code filter} downstream keeps at 2 or 3: a FETCH of 50 made 17 round trips and a SEARCH of
     * 200 messages 100. The sizes bound what a batch holds by how heavy a document is (ALL keeps
     * up to {@code ParsedMessage.MAX_TEXT} characters of text a message).
     */
    int batchSize() {
        return batchSize;
    }

    /** The find projection, or {@code null} for the whole document. */
    Bson projection() {
        return projection;
    }
}
