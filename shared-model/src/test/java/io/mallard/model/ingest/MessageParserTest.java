package io.mallard.model.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageParserTest {

    private final MessageParser parser = new MessageParser();

    static Stream<Arguments> searchableText() {
        return Stream.of(
                Arguments.of("03-base64-text", "Zürich base64 decoded text line one\nline two"),
                Arguments.of("04-qp-text", "Café crème brûlée, a soft break here"),
                Arguments.of("12-iso-8859-1", "Voilà, ça marche à Genève."),
                Arguments.of("13-windows-1252", "“Smart quotes” – and € sign"),
                Arguments.of("14-koi8-r", "Привет, мир! Съешь ещё этих мягких французских булок."),
                Arguments.of("15-iso-2022-jp", "こんにちは世界"),
                Arguments.of("16-gb2312", "你好，世界"),
                Arguments.of("31-unknown-charset", "naïve text"),
                Arguments.of("06-alternative", "Plain version\nHTML & version\nsecond line"),
                Arguments.of("34-html-only-qp", "Titel\nSchöne Grüße <3 €"),
                Arguments.of("08-rfc822-two-deep", "Forwarding.\nMiddle text\nInnermost body\nsecond line"),
                Arguments.of("26-digest", "first digest body\nsecond digest body"),
                Arguments.of("25-disposition-language", "extension text"),
                Arguments.of("21-empty-body", ""));
    }

    @ParameterizedTest
    @MethodSource("searchableText")
    void searchableTextIsDecodedToUnicode(String name, String expected) {
        assertThat(parser.parse(Corpus.load(name)).text()).isEqualTo(expected);
    }

    static Stream<Arguments> subjects() {
        return Stream.of(
                Arguments.of("02-8bit-utf8", "Grüße"),
                Arguments.of("12-iso-8859-1", "André"),
                Arguments.of("14-koi8-r", "Привет"),
                Arguments.of("15-iso-2022-jp", "日本語"),
                Arguments.of("16-gb2312", "你好"),
                Arguments.of("17-encoded-words", "café and über"),
                Arguments.of("23-8bit-header", "Grüße ungecodiert"),
                Arguments.of("24-latin1-8bit-header", "Größe"),
                Arguments.of("22-headers-only", "headers only, no blank line"));
    }

    @ParameterizedTest
    @MethodSource("subjects")
    void subjectIsDecoded(String name, String expected) {
        assertThat(parser.parse(Corpus.load(name)).subject()).isEqualTo(expected);
    }

    @Test
    void headerFieldsForFiltersAndThreading() {
        ParsedMessage message = parser.parse(Corpus.load("32-groups-and-empty"));
        assertThat(message.references()).containsExactly("<root@example.com>", "<parent@example.com>");
        assertThat(message.inReplyTo()).isEqualTo("<parent@example.com>");
        assertThat(message.listId()).isEqualTo("Mallard dev <dev.lists.example.com>");
        assertThat(message.listUnsubscribe()).isEqualTo("<mailto:unsub@example.com>");
        assertThat(message.autoSubmitted()).isEqualTo("auto-replied");
        assertThat(message.precedence()).isEqualTo("bulk");
        assertThat(message.sender()).containsExactly(new MailAddress("Secretary", "sec@example.com"));
        assertThat(message.bcc()).containsExactly(new MailAddress("Hidden", "hidden@example.com"));
        assertThat(message.to()).isEmpty();
        assertThat(message.date()).isNull();

        ParsedMessage encoded = parser.parse(Corpus.load("17-encoded-words"));
        assertThat(encoded.from()).containsExactly(new MailAddress("Jürgen", "juergen@example.de"));
        assertThat(encoded.to()).containsExactly(new MailAddress("René", "rene@example.fr"),
                new MailAddress(null, "plain@example.com"));
        assertThat(encoded.cc()).extracting(MailAddress::address).containsExactly("a@example.com", "b@example.com");
        assertThat(encoded.date()).isEqualTo(Instant.parse("2026-11-24T10:34:56Z"));
        assertThat(parser.parse(Corpus.load("23-8bit-header")).to())
                .containsExactly(new MailAddress(null, "björn@example.se"));
    }

    static Stream<Arguments> attachments() {
        return Stream.of(
                Arguments.of("05-mixed-attachment", "2 data.bin application/octet-stream attachment 10240"),
                Arguments.of("07-related-in-mixed", "1.2.2 null image/png null 208|2 doc.pdf application/pdf attachment 7689"),
                Arguments.of("08-rfc822-two-deep", "2 null message/rfc822 attachment 423"),
                Arguments.of("27-rfc2231-filename", "2 naïve file.txt application/octet-stream attachment 11"),
                Arguments.of("28-encoded-filename", "1 été.jpg image/jpeg null 103"),
                Arguments.of("06-alternative", ""),
                Arguments.of("25-disposition-language", ""));
    }

    @ParameterizedTest
    @MethodSource("attachments")
    void attachmentsAreListed(String name, String expected) {
        ParsedMessage message = parser.parse(Corpus.load(name));
        String listed = String.join("|", message.attachments().stream()
                .map(a -> a.partId() + " " + a.filename() + " " + a.contentType() + " " + a.disposition() + " " + a.decodedSize())
                .toList());
        assertThat(listed).isEqualTo(expected);
        assertThat(message.hasAttachments()).isEqualTo(!expected.isEmpty());
    }

    static Stream<Arguments> sections() {
        return Stream.of(
                Arguments.of("01-simple-7bit", "1", "Hello Bob,\r\nthis is a plain message.\r\n"),
                Arguments.of("05-mixed-attachment", "1", "See attached."),
                Arguments.of("06-alternative", "2", "<html><head><style>p{color:red}</style></head><body><p>HTML &amp; version</p><br>second&nbsp;line</body></html>"),
                Arguments.of("08-rfc822-two-deep", "2.1", "Middle text"),
                Arguments.of("08-rfc822-two-deep", "2.2.1", "Innermost body\r\nsecond line"),
                Arguments.of("07-related-in-mixed", "1.2.1", "<p>see <img src=\"cid:img1\"></p>"),
                Arguments.of("10-missing-final-boundary", "2", "second part, never closed\r\n"),
                Arguments.of("18-bare-lf", "1", "line one\nline two"));
    }

    /** BODY[section] straight from the raw bytes by the stored offsets (RFC 3501 §6.4.5). */
    @ParameterizedTest
    @MethodSource("sections")
    void partOffsetsServeBodySections(String name, String section, String expected) {
        byte[] raw = Corpus.load(name);
        MimePart part = parser.parse(raw).mimeTree().find(section);
        assertThat(new String(raw, (int) part.bodyStart(), (int) (part.end() - part.bodyStart()), StandardCharsets.UTF_8))
                .isEqualTo(expected);
    }

    @Test
    void embeddedMessageHeaderAndTextHaveTheirOwnOffsets() {
        byte[] raw = Corpus.load("08-rfc822-two-deep");
        MimePart forwarded = parser.parse(raw).mimeTree().find("2.2");
        MimePart inner = forwarded.message();
        String header = new String(raw, (int) inner.headerStart(), (int) (inner.bodyStart() - inner.headerStart()),
                StandardCharsets.US_ASCII);
        assertThat(header).startsWith("From: Carol").endsWith("<inner2@example.net>\r\n\r\n");
        assertThat(forwarded.contentType()).isEqualTo("message/rfc822");
        assertThat(new String(raw, (int) forwarded.headerStart(), 24, StandardCharsets.US_ASCII))
                .isEqualTo("Content-Type: message/rf");
    }

    static Stream<String> corpus() {
        return Corpus.NAMES.stream();
    }

    /** The document embedded in a message survives BSON encoding unchanged, for every message. */
    @ParameterizedTest
    @MethodSource("corpus")
    void parsedMessageSurvivesBson(String name) {
        ParsedMessage message = parser.parse(Corpus.load(name));
        RawBsonDocument bson = new RawBsonDocument(ParsedMessageCodec.toDocument(message), new DocumentCodec());
        Document decoded = new DocumentCodec().decode(bson.asBsonReader(), DecoderContext.builder().build());
        assertThat(ParsedMessageCodec.fromDocument(decoded)).isEqualTo(message);
        assertThat(bson.getByteBuffer().remaining()).isLessThan(1024 * 1024);
    }

    /** Truncations and byte flips of every message parse without throwing, offsets in bounds. */
    @ParameterizedTest
    @MethodSource("corpus")
    void damagedInputNeverThrows(String name) {
        byte[] raw = Corpus.load(name);
        Random random = new Random(name.hashCode());
        for (int i = 0; i < 25; i++) {
            byte[] damaged = Arrays.copyOf(raw, raw.length == 0 ? 0 : random.nextInt(raw.length + 1));
            if (damaged.length > 0 && i % 2 == 0) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            assertThatCode(() -> assertInBounds(parser.parse(damaged).mimeTree(), damaged.length))
                    .doesNotThrowAnyException();
        }
    }

    private static void assertInBounds(MimePart part, long size) {
        assertThat(part.headerStart()).isBetween(0L, part.bodyStart());
        assertThat(part.bodyStart()).isLessThanOrEqualTo(part.end());
        assertThat(part.end()).isLessThanOrEqualTo(size);
        for (MimePart child : part.parts()) {
            assertThat(child.headerStart()).isGreaterThanOrEqualTo(part.bodyStart());
            assertThat(child.end()).isLessThanOrEqualTo(part.end());
            assertInBounds(child, size);
        }
        if (part.message() != null) {
            assertInBounds(part.message(), size);
        }
    }
}
