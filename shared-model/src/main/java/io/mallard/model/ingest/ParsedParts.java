package io.mallard.model.ingest;

import java.util.List;

/**
 * The parts of the parsed content that IMAP FETCH renders, as stored at ingest; each is
 * {@code null} when the message was read without it ({@code MessageFields.withParsed}).
 *
 * @param envelope RFC 3501 §7.4.2 ENVELOPE as nested lists
 * @param envelopeText the same ENVELOPE rendered in IMAP syntax, as FETCH sends it; {@code null}
 *     also for a message stored before ingest kept it
 * @param bodyStructure RFC 3501 §7.4.2 BODYSTRUCTURE as nested lists
 * @param mimeTree the part offsets that body sections are read at
 * @param header the message's own header block as received, blank line included; also
 *     {@code null} for a message stored without one (before it was kept, or larger than
 *     {@link #MAX_HEADER})
 */
public record ParsedParts(List<Object> envelope, String envelopeText, List<Object> bodyStructure, MimePart mimeTree,
        byte[] header) {

    /** The largest header block kept apart; a message with a larger one has its sections read from its bytes. */
    public static final int MAX_HEADER = 64 * 1024;

    /** The stored field names of {@code content.parsed} holding each part, for a projection. */
    public static final String ENVELOPE = "envelope";
    public static final String ENVELOPE_TEXT = "envelopeText";
    public static final String BODY_STRUCTURE = "bodystructure";
    public static final String MIME_TREE = "mimeTree";
    public static final String HEADER = "header";
}
