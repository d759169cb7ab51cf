package io.mallard.imap.codec;

import java.util.List;

/** One item of a FETCH request (RFC 9051 §6.4.5). */
public sealed interface FetchAttribute {

    enum Simple implements FetchAttribute { FLAGS, UID, INTERNALDATE, RFC822_SIZE, ENVELOPE, BODYSTRUCTURE, BODY }

    enum Part { ALL, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT, MIME }

    /**
     * RFC 3516 {@code BINARY[section]<partial>}, {@code BINARY.PEEK[...]} and {@code BINARY.SIZE[section]}:
     * a part's content with its Content-Transfer-Encoding undone.
     *
     * @param section the part number ("" for the whole message)
     * @param offset partial start, or -1
     * @param length partial length, or -1
     */
    record Binary(String section, boolean peek, boolean sizeOnly, long offset, long length) implements FetchAttribute {

        /** The name the response item carries, e.g. {@code BINARY[1.2]} or {@code BINARY.SIZE[1]}. */
        public String label() {
            return (sizeOnly ? "BINARY.SIZE[" : "BINARY[") + section + "]";
        }
    }

    /**
     * {@code BODY[section]<partial>} and its RFC822 forms.
     *
     * @param label the name the response item carries, e.g. {@code BODY[HEADER]} or {@code RFC822.TEXT}
     * @param peek whether \Seen stays as it is
     * @param section the part number ("" for the whole message)
     * @param fields the header names of HEADER.FIELDS (.NOT), upper case
     * @param offset partial start, or -1
     * @param length partial length, or -1
     */
    record Section(String label, boolean peek, String section, Part part, List<String> fields, long offset,
            long length) implements FetchAttribute {
        public Section {
            fields = List.copyOf(fields);
        }
    }
}
