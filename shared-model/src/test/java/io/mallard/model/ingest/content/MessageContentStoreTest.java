package io.mallard.model.ingest.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.mongodb.reactivestreams.client.MongoCollection;

import io.mallard.model.ingest.Corpus;
import io.mallard.model.ingest.MessageParser;
import io.mallard.model.ingest.ParsedMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every message must come back byte for byte, whole and by any byte range. */
class MessageContentStoreTest {

    @TempDir
    static Path dataDir;

    private static StoreFixture store;
    private final MessageParser parser = new MessageParser();

    @BeforeAll
    static void open() {
        store = new StoreFixture(dataDir);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static Stream<String> corpus() {
        return Corpus.NAMES.stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void corpusMessageReadsBackByteIdentical(String name) {
        assertRoundTrip(Corpus.load(name));
    }

    @Test
    void binaryAttachmentReadsBackByteIdentical() {
        byte[] raw = GeneratedMessages.withBinaryAttachment(GeneratedMessages.randomBytes(300_000, 7));
        StoredContent content = assertRoundTrip(raw);
        assertThat(content.blobHashes()).hasSize(1);
    }

    /** Many mid-sized text parts: no single one is large, yet the document must stay small. */
    @Test
    void inlineBytesStayBoundedWhateverTheShape() {
        StringBuilder message = new StringBuilder("Subject: many parts\r\nContent-Type: multipart/mixed; boundary=p\r\n\r\n");
        String line = "0123456789".repeat(7) + "\r\n";
        for (int part = 0; part < 30; part++) {
            message.append("--p\r\nContent-Type: text/plain\r\n\r\n").append(line.repeat(1400 + part)).append("\r\n");
        }
        byte[] raw = message.append("--p--\r\n").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        StoredContent content = assertRoundTrip(raw);
        long inline = content.segments().stream().filter(Segment.Inline.class::isInstance).mapToLong(Segment::length).sum();
        assertThat(raw.length).isGreaterThan(3_000_000);
        assertThat(inline).isLessThanOrEqualTo(ContentSegmenter.MAX_INLINE_TOTAL);
    }

    @Test
    void storedContentSurvivesItsBsonForm() {
        byte[] raw = GeneratedMessages.withBase64Attachment("bson", "text", GeneratedMessages.randomBytes(50_000, 3));
        StoredContent content = store.content.store(raw, parser.parse(raw)).block();
        MongoCollection<Document> embedded = store.stores.mongo().database().getCollection("embedded");
        Mono.from(embedded.insertOne(new Document("_id", "bson").append("raw", content.toDocument()))).block();
        Document read = Mono.from(embedded.find(new Document("_id", "bson")).first()).block();
        StoredContent restored = StoredContent.fromDocument(read.get("raw", Document.class));
        assertThat(StoreFixture.join(store.content.read(restored))).isEqualTo(raw);
        store.content.release(restored).block();
    }

    /** POP3's read-ahead: a batch read whole, the blobs of all messages in one query. */
    @Test
    void aBatchReadWholeComesBackByteIdentical() {
        byte[] shared = GeneratedMessages.randomBytes(40_000, 11);
        List<byte[]> raws = List.of(
                Corpus.load(Corpus.NAMES.get(0)),
                GeneratedMessages.withBase64Attachment("batch1", "one", shared),
                GeneratedMessages.withBase64Attachment("batch2", "the same attachment", shared),
                GeneratedMessages.withBase64Attachment("batch3", "four chunks", GeneratedMessages.randomBytes(600_000, 12)),
                GeneratedMessages.withBinaryAttachment(GeneratedMessages.randomBytes(9_000, 13)),
                "Subject: plain\r\n\r\nno attachment\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        List<StoredContent> contents = raws.stream().map(raw -> store.content.store(raw, parser.parse(raw)).block()).toList();

        List<List<ByteBuffer>> whole = store.content.readWhole(contents).block();

        assertThat(contents.get(1).blobHashes()).isEqualTo(contents.get(2).blobHashes());
        assertThat(whole).hasSameSizeAs(raws);
        for (int i = 0; i < raws.size(); i++) {
            assertThat(StoreFixture.join(Flux.fromIterable(whole.get(i)))).as("message %d", i).isEqualTo(raws.get(i));
        }
        assertThat(store.content.readWhole(List.of()).block()).isEmpty();
        contents.forEach(content -> store.content.release(content).block());
    }

    @Test
    void twentyMegabyteAttachmentStreamsBackByteIdentical() {
        byte[] attachment = GeneratedMessages.randomBytes(20 * 1024 * 1024, 20);
        byte[] raw = GeneratedMessages.withBase64Attachment("big", "a large one", attachment);
        long parseStart = System.nanoTime();
        ParsedMessage parsed = parser.parse(raw);
        long storeStart = System.nanoTime();
        StoredContent content = store.content.store(raw, parsed).block();
        long readStart = System.nanoTime();
        byte[] back = StoreFixture.join(store.content.read(content));
        long readEnd = System.nanoTime();
        assertThat(back).isEqualTo(raw);
        assertThat(content.toDocument().toJson().length()).isLessThan(64 * 1024);
        System.out.printf("20 MB attachment: raw %d bytes, parse %d ms, store %d ms, read %d ms, segments %d%n",
                raw.length, (storeStart - parseStart) / 1_000_000, (readStart - storeStart) / 1_000_000,
                (readEnd - readStart) / 1_000_000, content.segments().size());
        assertRanges(raw, content, 10);
        store.content.release(content).block();
    }

    private StoredContent assertRoundTrip(byte[] raw) {
        StoredContent content = store.content.store(raw, parser.parse(raw)).block();
        assertThat(content.size()).isEqualTo(raw.length);
        assertThat(StoreFixture.join(store.content.read(content))).isEqualTo(raw);
        assertRanges(raw, content, 20);
        return content;
    }

    /** Ranges at segment edges, at both ends, past the end and at random. */
    private static void assertRanges(byte[] raw, StoredContent content, int randomCount) {
        List<long[]> ranges = new ArrayList<>();
        long at = 0;
        for (Segment segment : content.segments()) {
            ranges.add(new long[] {Math.max(0, at - 3), 7});
            at += segment.length();
        }
        ranges.add(new long[] {0, 1});
        ranges.add(new long[] {0, raw.length});
        ranges.add(new long[] {Math.max(0, raw.length - 5), 100});
        ranges.add(new long[] {raw.length, 10});
        Random random = new Random(raw.length);
        for (int i = 0; i < randomCount && raw.length > 0; i++) {
            long from = random.nextInt(raw.length);
            ranges.add(new long[] {from, random.nextInt(Math.max(1, Math.min(raw.length, 600_000)))});
        }
        for (long[] range : ranges) {
            int from = (int) Math.min(range[0], raw.length);
            int to = (int) Math.min(raw.length, range[0] + range[1]);
            assertThat(StoreFixture.join(store.content.read(content, range[0], range[1])))
                    .as("range %d+%d", range[0], range[1])
                    .isEqualTo(Arrays.copyOfRange(raw, from, Math.max(from, to)));
        }
    }
}
