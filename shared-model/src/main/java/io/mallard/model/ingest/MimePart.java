package io.mallard.model.ingest;

import java.util.List;

/**
 * Where one MIME entity lies in the raw message, so IMAP can serve BODY[section], its .HEADER,
 * .MIME and .TEXT and partial fetches by byte range without parsing again (RFC 3501 §6.4.5).
 *
 * <p>Sections: the root has section "". The parts of a multipart with section s are s.1, s.2,
 * ... (1, 2, ... under the root). A message/rfc822 part at section s carries its embedded
 * message in {@link #message()} under the same section s (so s.HEADER and s.TEXT are that
 * message's header and body), and that message's parts continue the numbering as s.1, s.2.
 * Of a non-multipart entity at section s (root or embedded), s.1 (or 1) is the entity itself.
 *
 * @param section the IMAP part specifier
 * @param headerStart offset of the entity's first header byte (.MIME / .HEADER start)
 * @param bodyStart offset of its first body byte (.MIME / .HEADER end, BODY[section] start)
 * @param end offset one past its last body byte
 * @param contentType lower-case {@code type/subtype}
 * @param parts the parts of a multipart, empty otherwise
 * @param message the embedded message of a message/rfc822 part, or {@code null}
 */
public record MimePart(String section, long headerStart, long bodyStart, long end, String contentType,
        List<MimePart> parts, MimePart message) {

    public MimePart {
        parts = List.copyOf(parts);
    }

    /** The entity an IMAP section number (no HEADER/TEXT/MIME suffix) names, or {@code null}. */
    public MimePart find(String wanted) {
        if (wanted.equals(section)) {
            return this;
        }
        MimePart container = message != null ? message : this;
        if (container.parts.isEmpty()) {
            return wanted.equals(section.isEmpty() ? "1" : section + ".1") ? container : null;
        }
        for (MimePart part : container.parts) {
            if (wanted.equals(part.section) || wanted.startsWith(part.section + ".")) {
                return part.find(wanted);
            }
        }
        return null;
    }
}
