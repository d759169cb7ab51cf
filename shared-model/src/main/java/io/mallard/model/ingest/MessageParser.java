package io.mallard.model.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.stream.Field;

/**
 * Parses a raw RFC 5322 message once, at ingest, into a {@link ParsedMessage}. Never throws on
 * malformed input: whatever cannot be read is left out or takes its RFC default.
 */
public final class MessageParser {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]*>");

    public ParsedMessage parse(byte[] raw) {
        Entity root = new PartLocator(raw).locate();
        HeaderBlock header = root.header();
        Collector collector = new Collector(raw);
        collector.collect(root, "", true, false);
        return new ParsedMessage(
                raw.length,
                header.decoded("Subject"),
                AddressHeaders.decoded(header, "From"),
                AddressHeaders.decoded(header, "To"),
                AddressHeaders.decoded(header, "Cc"),
                AddressHeaders.decoded(header, "Bcc"),
                AddressHeaders.decoded(header, "Reply-To"),
                AddressHeaders.decoded(header, "Sender"),
                date(header),
                header.value("Message-ID"),
                header.value("In-Reply-To"),
                messageIds(header.values("References")),
                header.decoded("List-ID"),
                lower(header.value("Auto-Submitted")),
                lower(header.value("Precedence")),
                header.value("List-Unsubscribe"),
                EnvelopeBuilder.build(header),
                new BodyStructureBuilder(raw).build(root),
                collector.text.text(),
                collector.attachments,
                tree(root, ""));
    }

    private static Instant date(HeaderBlock header) {
        Field field = header.field("Date");
        if (field instanceof DateTimeField date && date.isValidField() && date.getDate() != null) {
            return date.getDate().toInstant();
        }
        return null;
    }

    private static List<String> messageIds(List<String> values) {
        List<String> ids = new ArrayList<>();
        for (String value : values) {
            Matcher matcher = MESSAGE_ID.matcher(value);
            while (matcher.find()) {
                ids.add(matcher.group());
            }
        }
        return ids;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    /** Numbers parts as {@link MimePart} documents (RFC 3501 §6.4.5 section specifiers). */
    private static MimePart tree(Entity entity, String section) {
        List<MimePart> parts = new ArrayList<>();
        for (int i = 0; i < entity.children().size(); i++) {
            parts.add(tree(entity.children().get(i), child(section, i)));
        }
        return new MimePart(section, entity.headerStart(), entity.bodyStart(), entity.end(),
                entity.type() + "/" + entity.subtype(), parts,
                entity.isMessage() ? tree(entity.message(), section) : null);
    }

    private static String child(String section, int index) {
        return section.isEmpty() ? Integer.toString(index + 1) : section + "." + (index + 1);
    }

    /** Walks the body once, sorting each leaf into readable text or an attachment. */
    private static final class Collector {

        private final byte[] raw;
        private final TextExtractor text;
        private final List<AttachmentInfo> attachments = new ArrayList<>();

        Collector(byte[] raw) {
            this.raw = raw;
            this.text = new TextExtractor(raw);
        }

        /**
         * @param textOnly inside a forwarded message: its text is searchable (RFC 3501 §6.4.4
         *     SEARCH BODY covers the whole body), its parts are not attachments of this message
         */
        void collect(Entity entity, String section, boolean root, boolean textOnly) {
            if (entity.isMultipart()) {
                for (int i = 0; i < entity.children().size(); i++) {
                    collect(entity.children().get(i), child(section, i), false, textOnly);
                }
                return;
            }
            String partId = root ? "1" : section;
            String disposition = disposition(entity);
            String filename = filename(entity);
            // Text shown inline is body text even when it names a file (RFC 2183 §2.1).
            boolean attachment = "attachment".equals(disposition) || !entity.type().equals("text")
                    || (filename != null && !"inline".equals(disposition));
            if (!attachment) {
                text.add(entity);
                return;
            }
            if (entity.isMessage()) {
                collect(entity.message(), section, false, true);
            }
            if (textOnly) {
                return;
            }
            attachments.add(new AttachmentInfo(partId, filename, entity.type() + "/" + entity.subtype(),
                    disposition, entity.header().value("Content-ID"), entity.transferEncoding(),
                    entity.bodySize(), BodyDecoder.estimateDecodedSize(raw, entity)));
        }

        private static String disposition(Entity entity) {
            var body = MimeParams.parse(entity.header(), "Content-Disposition");
            return body == null || body.getValue() == null ? null : lower(body.getValue().strip());
        }

        /** Content-Disposition filename (RFC 2183, RFC 2231 via mime4j), else the Content-Type name. */
        private static String filename(Entity entity) {
            String name = null;
            if (entity.header().field("Content-Disposition") instanceof ContentDispositionField field) {
                try {
                    name = field.getFilename();
                } catch (RuntimeException e) {
                    name = null;
                }
            }
            if (name == null || name.isBlank()) {
                name = entity.param("name");
            }
            return name == null || name.isBlank() ? null : HeaderBlock.decodeWords(HeaderBlock.fromOctets(name.strip()));
        }
    }
}
