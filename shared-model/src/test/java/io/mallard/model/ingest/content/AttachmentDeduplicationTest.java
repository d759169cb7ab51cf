package io.mallard.model.ingest.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.ingest.MessageParser;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The same attachment in many messages occupies GridFS once and lives as long as one of them. */
class AttachmentDeduplicationTest {

    private static final int ATTACHMENT_SIZE = 1_000_000;

    @TempDir
    Path dataDir;

    private StoreFixture store;
    private final MessageParser parser = new MessageParser();
    private final byte[] attachment = GeneratedMessages.randomBytes(ATTACHMENT_SIZE, 42);
    private final byte[] first = GeneratedMessages.withBase64Attachment("first", "first message", attachment);
    private final byte[] second = GeneratedMessages.withBase64Attachment("second", "another text", attachment);

    @BeforeEach
    void open() {
        store = new StoreFixture(dataDir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void twoMessagesShareOneFileUntilTheLastIsReleased() {
        StoredContent one = store.content.store(first, parser.parse(first)).block();
        StoredContent two = store.content.store(second, parser.parse(second)).block();
        String hash = one.blobHashes().iterator().next();
        assertThat(two.blobHashes()).containsExactly(hash);

        long chunks = store.count("attachments.chunks");
        System.out.printf("dedup: 2 messages of %d and %d bytes, GridFS files %d, chunks %d%n",
                first.length, second.length, store.count("attachments.files"), chunks);
        assertThat(store.count("attachments.files")).isEqualTo(1);
        // base64 of 1,000,000 bytes with CRLF every 76 characters, in 255 KiB chunks.
        assertThat(chunks).isEqualTo(6);
        assertThat(store.attachment(hash).get("refs", Number.class).longValue()).isEqualTo(2);

        store.content.release(one).block();
        store.content.release(one).block(); // a second release of the same message changes nothing
        assertThat(store.count("attachments.files")).isEqualTo(1);
        assertThat(store.attachment(hash).get("refs", Number.class).longValue()).isEqualTo(1);
        assertThat(StoreFixture.join(store.content.read(two))).isEqualTo(second);

        store.content.release(two).block();
        assertThat(store.count("attachments.files")).isZero();
        assertThat(store.count("attachments.chunks")).isZero();
        assertThat(store.attachment(hash)).isNull();
        assertThat(store.count(AttachmentStore.REFS_COLLECTION)).isZero();
    }

    @Test
    void concurrentStoresOfTheSameAttachmentKeepOneFile() {
        var parsedFirst = parser.parse(first);
        var parsedSecond = parser.parse(second);
        var stored = Mono.zip(
                store.content.store(first, parsedFirst).subscribeOn(Schedulers.parallel()),
                store.content.store(second, parsedSecond).subscribeOn(Schedulers.parallel()),
                store.content.store(first, parsedFirst).subscribeOn(Schedulers.parallel())).block();

        assertThat(store.count("attachments.files")).isEqualTo(1);
        String hash = stored.getT1().blobHashes().iterator().next();
        Document counted = store.attachment(hash);
        assertThat(counted.get("refs", Number.class).longValue()).isEqualTo(3);
        assertThat(StoreFixture.join(store.content.read(stored.getT1()))).isEqualTo(first);
        assertThat(StoreFixture.join(store.content.read(stored.getT2()))).isEqualTo(second);
        assertThat(StoreFixture.join(store.content.read(stored.getT3()))).isEqualTo(first);

        Mono.when(store.content.release(stored.getT1()), store.content.release(stored.getT2())).block();
        assertThat(store.count("attachments.files")).isEqualTo(1);
        store.content.release(stored.getT3()).block();
        assertThat(store.count("attachments.files")).isZero();
        assertThat(store.count("attachments.chunks")).isZero();
    }

    @Test
    void manyConcurrentStoresAndReleasesLeaveNothingBehind() {
        var parsed = parser.parse(first);
        for (int round = 0; round < 3; round++) {
            var stored = reactor.core.publisher.Flux.range(0, 6)
                    .flatMap(i -> store.content.store(first, parsed).subscribeOn(Schedulers.parallel()))
                    .collectList().block();
            assertThat(store.count("attachments.files")).isEqualTo(1);
            assertThat(store.attachment(stored.get(0).blobHashes().iterator().next())
                    .get("refs", Number.class).longValue()).isEqualTo(6);
            reactor.core.publisher.Flux.fromIterable(stored)
                    .flatMap(content -> store.content.release(content).subscribeOn(Schedulers.parallel()))
                    .blockLast();
            assertThat(store.count("attachments.files")).isZero();
            assertThat(store.count("attachments.chunks")).isZero();
            assertThat(store.count(AttachmentStore.COLLECTION)).isZero();
        }
    }

    @Test
    void anAttachmentStoredAgainAfterItWasFreedIsUploadedAfresh() {
        StoredContent one = store.content.store(first, parser.parse(first)).block();
        store.content.release(one).block();
        StoredContent again = store.content.store(second, parser.parse(second)).block();
        assertThat(store.count("attachments.files")).isEqualTo(1);
        assertThat(StoreFixture.join(store.content.read(again))).isEqualTo(second);
    }
}
