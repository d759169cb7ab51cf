package io.mallard.imap.command.fetch;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.mallard.imap.codec.FetchAttribute;
import io.mallard.imap.codec.FetchAttribute.Simple;
import io.mallard.imap.codec.Value;
import io.mallard.model.ingest.ParsedParts;
import io.mallard.model.ingest.imap.BodyStructureView;
import io.mallard.model.ingest.imap.ImapValueWriter;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageFields;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The data items of one message's FETCH response, in the order asked. ENVELOPE (rendered) and
 * BODYSTRUCTURE come precomputed from ingest; body sections from the stored bytes.
 */
final class FetchResponder {

    private static final DateTimeFormatter INTERNAL_DATE =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /**
     * @param modseq the message's MODSEQ as read
     * @param hasFlags whether FLAGS is among the items
     * @param hasModseq whether MODSEQ is among the items
     */
    record Items(long uid, long modseq, boolean hasFlags, boolean hasModseq, List<Value> values) {
    }

    private final MessageContent content;
    private final SectionReader sections;
    private final BinaryReader binaries;
    private final List<FetchAttribute> attributes;
    private final boolean byUid;
    private final boolean changedSince;
    private final boolean condstore;
    private final Set<String> parsedFields = new LinkedHashSet<>();
    private final boolean needsRaw;
    /** Every section asked for is the message's own header, which ingest stored apart (ParsedParts#header). */
    private final boolean headerOnly;
    private final boolean envelope;

    /**
     * @param changedSince CHANGEDSINCE was given, which implies MODSEQ (RFC 7162 §3.1.4.1)
     * @param condstore CONDSTORE is enabled: a FETCH that sets \Seen tells UID and MODSEQ too
     */
    FetchResponder(MessageContent content, List<FetchAttribute> attributes, boolean byUid, boolean changedSince,
            boolean condstore) {
        this.content = content;
        this.sections = new SectionReader(content);
        this.binaries = new BinaryReader(sections);
        this.attributes = attributes;
        this.byUid = byUid;
        this.changedSince = changedSince;
        this.condstore = condstore;
        boolean sections = attributes.stream()
                .anyMatch(a -> a instanceof FetchAttribute.Section || a instanceof FetchAttribute.Binary);
        this.headerOnly = sections && attributes.stream().allMatch(a -> !(a instanceof FetchAttribute.Binary)
                && (!(a instanceof FetchAttribute.Section section) || ownHeader(section)));
        this.needsRaw = sections && !headerOnly;
        this.envelope = attributes.contains(Simple.ENVELOPE);
        for (FetchAttribute attribute : attributes) {
            if (attribute == Simple.ENVELOPE) {
                parsedFields.add(ParsedParts.ENVELOPE_TEXT);
            } else if (attribute == Simple.BODYSTRUCTURE || attribute == Simple.BODY) {
                parsedFields.add(ParsedParts.BODY_STRUCTURE);
            }
        }
        if (headerOnly) {
            parsedFields.add(ParsedParts.HEADER);
        }
        if (needsRaw) {
            parsedFields.add(ParsedParts.MIME_TREE);
        }
    }

    /** HEADER, HEADER.FIELDS and HEADER.FIELDS.NOT of the message itself, not of a part. */
    private static boolean ownHeader(FetchAttribute.Section section) {
        return section.section().isEmpty() && (section.part() == FetchAttribute.Part.HEADER
                || section.part() == FetchAttribute.Part.HEADER_FIELDS || section.part() == FetchAttribute.Part.HEADER_FIELDS_NOT);
    }

    /**
     * What to read of each message: FLAGS, UID, INTERNALDATE, RFC822.SIZE and MODSEQ are fields of
     * the message document (its owner, thread, Message-ID and subject stay behind), and most of its
     * weight (the parsed content) is needed only by the other items, each of which reads one stored
     * field of it (ENVELOPE the envelope, BODY and BODYSTRUCTURE the body structure, sections and
     * BINARY the MIME tree and the stored bytes).
     */
    MessageFields fields() {
        return MessageFields.fetch(parsedFields, needsRaw);
    }

    /**
     * Whether {@code message}, read with {@link #fields()}, is enough. A FETCH of header sections
     * reads the header block stored apart, and ENVELOPE its rendered text; a message stored before
     * ingest kept them (or with a header over {@link ParsedParts#MAX_HEADER}) lacks them, and is
     * read again with {@link #fullFields()}.
     */
    boolean complete(Message message) {
        if (!headerOnly && !envelope) {
            return true;
        }
        ParsedParts parts = content.parts(message);
        return (!headerOnly || parts.header() != null) && (!envelope || parts.envelopeText() != null);
    }

    /**
     * What to read of a message that is not {@link #complete}: for header sections the MIME tree
     * and the stored bytes, for ENVELOPE the nested lists it is rendered from.
     */
    MessageFields fullFields() {
        Set<String> fields = new LinkedHashSet<>(parsedFields);
        fields.remove(ParsedParts.HEADER);
        if (fields.remove(ParsedParts.ENVELOPE_TEXT)) {
            fields.add(ParsedParts.ENVELOPE);
        }
        if (headerOnly) {
            fields.add(ParsedParts.MIME_TREE);
        }
        return MessageFields.fetch(fields, needsRaw || headerOnly);
    }

    /**
     * What {@code whole}, read with {@link #fullFields()}, lets ingest's later work be kept for
     * the next FETCH: its header block and its rendered ENVELOPE, by stored field name of
     * {@code content.parsed}; a header too large to keep is left out.
     */
    Mono<Map<String, Object>> derived(Message whole) {
        ParsedParts parts = content.parts(whole);
        Map<String, Object> fields = new LinkedHashMap<>();
        if (envelope && parts.envelopeText() == null) {
            fields.put(ParsedParts.ENVELOPE_TEXT, ImapValueWriter.writeEnvelope(parts.envelope()));
        }
        if (!headerOnly || parts.header() != null) {
            return Mono.just(fields);
        }
        return content.header(whole).map(header -> {
            fields.put(ParsedParts.HEADER, header);
            return fields;
        }).defaultIfEmpty(fields);
    }

    /** @param seenJustSet \Seen was set by this FETCH, so FLAGS is reported even if not asked (§6.4.5) */
    Mono<Items> items(Message message, boolean seenJustSet) {
        ParsedParts parsed = parsedFields.isEmpty() ? null : content.parts(message);
        List<Mono<List<Value>>> parts = new ArrayList<>();
        for (FetchAttribute attribute : attributes) {
            parts.add(item(message, parsed, attribute));
        }
        boolean uidSent = attributes.contains(Simple.UID);
        boolean flagsSent = attributes.contains(Simple.FLAGS) || seenJustSet;
        boolean modseqSent = attributes.contains(Simple.MODSEQ) || changedSince || (seenJustSet && condstore);
        if ((byUid || (seenJustSet && condstore)) && !uidSent) {
            parts.add(0, Mono.just(simple(message, parsed, Simple.UID)));
        }
        if (seenJustSet && !attributes.contains(Simple.FLAGS)) {
            parts.add(Mono.just(simple(message, parsed, Simple.FLAGS)));
        }
        if (modseqSent && !attributes.contains(Simple.MODSEQ)) {
            parts.add(Mono.just(simple(message, parsed, Simple.MODSEQ)));
        }
        return Flux.concat(parts).collectList().map(lists -> {
            List<Value> values = new ArrayList<>();
            lists.forEach(values::addAll);
            return new Items(message.uid(), message.modseq(), flagsSent, modseqSent, values);
        });
    }

    private Mono<List<Value>> item(Message message, ParsedParts parsed, FetchAttribute attribute) {
        if (attribute instanceof FetchAttribute.Section section) {
            String label = section.offset() < 0 ? section.label() : section.label() + "<" + section.offset() + ">";
            Mono<byte[]> read = parsed.header() != null && ownHeader(section) ? sections.readHeader(parsed.header(), section)
                    : sections.read(message, parsed.mimeTree(), section);
            return read.map(bytes -> List.of(Value.atom(label), new Value.Literal(bytes)));
        }
        if (attribute instanceof FetchAttribute.Binary binary) {
            return binaries.read(message, parsed.mimeTree(), binary).map(bytes -> binary.sizeOnly()
                    ? List.of(Value.atom(binary.label()), Value.atom(bytes.length))
                    : List.of(Value.atom(binary.offset() < 0 ? binary.label() : binary.label() + "<" + binary.offset() + ">"),
                            new Value.Literal(bytes, true)));
        }
        return Mono.just(simple(message, parsed, (Simple) attribute));
    }

    private static List<Value> simple(Message message, ParsedParts parsed, Simple attribute) {
        Value value = switch (attribute) {
            case FLAGS -> Value.atoms(message.flags());
            case UID -> Value.atom(message.uid());
            case INTERNALDATE -> Value.string(INTERNAL_DATE.format(message.internalDate()));
            case RFC822_SIZE -> Value.atom(message.size());
            case ENVELOPE -> new Value.Raw(parsed.envelopeText() != null ? parsed.envelopeText()
                    : ImapValueWriter.writeEnvelope(parsed.envelope()));
            case BODYSTRUCTURE -> new Value.Raw(ImapValueWriter.writeBodyStructure(parsed.bodyStructure()));
            case BODY -> new Value.Raw(ImapValueWriter.writeBodyStructure(
                    BodyStructureView.withoutExtensions(parsed.bodyStructure())));
            case MODSEQ -> Value.list(List.of(Value.atom(message.modseq())));
        };
        return List.of(Value.atom(attribute == Simple.RFC822_SIZE ? "RFC822.SIZE" : attribute.name()), value);
    }
}
