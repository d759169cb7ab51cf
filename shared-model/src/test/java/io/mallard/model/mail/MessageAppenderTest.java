package io.mallard.model.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.mallard.model.config.AccountAutoConfiguration;
import io.mallard.model.config.MailAutoConfiguration;
import io.mallard.model.config.StoreAutoConfiguration;
import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.ingest.ParsedParts;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.FlagOperation;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageFields;
import io.mallard.model.message.MessageStore;
import io.mallard.model.quota.QuotaExceededException;
import io.mallard.model.store.MongoStore;
import io.mallard.model.user.NewUser;
import io.mallard.model.user.User;
import io.mallard.model.user.UserSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The mail layer as the services get it from auto-configuration, on the embedded stores: a raw
 * message goes in, the same bytes come out, and copies and expunges keep quota and attachment
 * references exact.
 */
class MessageAppenderTest {

    @TempDir
    Path dataDir;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StoreAutoConfiguration.class, AccountAutoConfiguration.class,
                    MailAutoConfiguration.class));

    @Test
    void appendedMessageReadsBackByteIdenticalAndCopiesShareAttachmentsUntilTheLastExpunge() {
        context.withPropertyValues("mallard.data.dir=" + dataDir).run(app -> {
            MailStorage storage = app.getBean(MailStorage.class);
            MessageAppender appender = app.getBean(MessageAppender.class);
            MessageContent content = app.getBean(MessageContent.class);
            User user = user(app, "alice", UserSettings.DEFAULTS);
            assertThat(storage.mailboxes().list(user.id()).collectList().block())
                    .extracting(Mailbox::path, Mailbox::specialUse)
                    .containsExactlyInAnyOrder(tuple("INBOX", null), tuple("Drafts", "\\Drafts"),
                            tuple("Sent Mail", "\\Sent"), tuple("Trash", "\\Trash"), tuple("Junk", "\\Junk"),
                            tuple("Archive", "\\Archive"));
            Mailbox inbox = storage.mailboxes().get(user.id(), "INBOX").block();
            Mailbox archive = storage.mailboxes().get(user.id(), "Archive").block();

            byte[] raw = messageWithAttachment(400_000);
            Message stored = appender.append(inbox.id(), raw, List.of("\\Seen"), Instant.parse("2026-11-01T10:00:00Z"))
                    .block();
            assertThat(bytes(content.raw(stored))).isEqualTo(raw);
            assertThat(bytes(content.raw(stored, 10, 20))).isEqualTo(java.util.Arrays.copyOfRange(raw, 10, 30));
            assertThat(content.parsed(stored).subject()).isEqualTo("Quarterly report");
            assertThat(attachmentFiles(app)).isEqualTo(1);

            Message copy = storage.messages().copy(inbox.id(), List.of(stored.uid()), archive.id())
                    .blockFirst().target();
            assertThat(storage.quota().used(user.id()).block()).isEqualTo(2L * raw.length);

            expunge(storage, inbox.id(), stored.uid());
            assertThat(bytes(content.raw(copy))).as("copy keeps its bytes").isEqualTo(raw);
            assertThat(attachmentFiles(app)).isEqualTo(1);

            expunge(storage, archive.id(), copy.uid());
            assertThat(attachmentFiles(app)).as("freed with the last reference").isZero();
            assertThat(storage.quota().used(user.id()).block()).isZero();
        });
    }

    @Test
    void listingWithFewerFieldsStillStreamsTheOriginalBytes() {
        context.withPropertyValues("mallard.data.dir=" + dataDir).run(app -> {
            MailStorage storage = app.getBean(MailStorage.class);
            MessageContent content = app.getBean(MessageContent.class);
            User user = user(app, "carol", UserSettings.DEFAULTS);
            Mailbox inbox = storage.mailboxes().get(user.id(), "INBOX").block();
            byte[] raw = messageWithAttachment(300_000);
            Message stored = app.getBean(MessageAppender.class).append(inbox.id(), raw, List.of(), Instant.now()).block();

            Message rawOnly = storage.listing().range(inbox.id(), 1, 1, MessageFields.RAW).blockFirst();
            assertThat(rawOnly.content()).containsOnlyKeys("raw");
            assertThat(bytes(content.raw(rawOnly))).isEqualTo(raw);

            Message summary = storage.listing().newest(inbox.id(), 10, MessageFields.NONE).blockFirst();
            assertThat(summary.content()).isEmpty();
            assertThat(summary).extracting(Message::id, Message::uid, Message::size)
                    .containsExactly(stored.id(), stored.uid(), (long) raw.length);
        });
    }

    @Test
    void appendOverQuotaIsRefusedAndLeavesNoBytesBehind() {
        context.withPropertyValues("mallard.data.dir=" + dataDir).run(app -> {
            MailStorage storage = app.getBean(MailStorage.class);
            User user = user(app, "bob", UserSettings.DEFAULTS.withQuota(100_000));
            Mailbox inbox = storage.mailboxes().get(user.id(), "INBOX").block();

            Mono<Message> append = app.getBean(MessageAppender.class)
                    .append(inbox.id(), messageWithAttachment(200_000), List.of(), Instant.now());

            assertThatThrownBy(append::block).isInstanceOf(QuotaExceededException.class);
            assertThat(attachmentFiles(app)).isZero();
            assertThat(storage.quota().used(user.id()).block()).isZero();
        });
    }

    @Test
    void appendIntoAMailboxNamedByPathCountsTheQuotaOnceAndRefusesPastIt() {
        context.withPropertyValues("mallard.data.dir=" + dataDir).run(app -> {
            MailStorage storage = app.getBean(MailStorage.class);
            MessageAppender appender = app.getBean(MessageAppender.class);
            User user = user(app, "dave", UserSettings.DEFAULTS.withQuota(100_000));
            Mailbox inbox = storage.mailboxes().get(user.id(), "INBOX").block();
            byte[] small = messageWithAttachment(1_000);

            MessageStore.Appended stored = appender.append(user.id(), "inbox", small, List.of(), Instant.now()).block();
            Mono<MessageStore.Appended> tooBig = appender.append(user.id(), "INBOX", messageWithAttachment(200_000),
                    List.of(), Instant.now());

            assertThat(stored.mailbox()).extracting(Mailbox::id, Mailbox::uidValidity)
                    .containsExactly(inbox.id(), inbox.uidValidity());
            assertThat(stored.message().uid()).isEqualTo(1L);
            assertThat(stored.message().thread()).isNotNull();
            assertThatThrownBy(tooBig::block).isInstanceOf(QuotaExceededException.class);
            assertThat(storage.quota().used(user.id()).block()).isEqualTo(small.length);
            assertThat(attachmentFiles(app)).isZero();
            assertThat(storage.listing().range(inbox.id(), 1, 10, MessageFields.NONE).map(Message::uid).collectList().block())
                    .containsExactly(1L);
        });
    }

    @Test
    void appendIntoAMailboxThatIsNotThereKeepsNothingAndTakesNoUid() {
        context.withPropertyValues("mallard.data.dir=" + dataDir).run(app -> {
            MailStorage storage = app.getBean(MailStorage.class);
            MessageAppender appender = app.getBean(MessageAppender.class);
            User user = user(app, "frank", UserSettings.DEFAULTS);
            Mailbox inbox = storage.mailboxes().get(user.id(), "INBOX").block();

            MessageStore.Appended nowhere = appender.append(user.id(), "Nowhere", messageWithAttachment(5_000),
                    List.of(), Instant.now()).block();

            assertThat(nowhere).isNull();
            assertThat(storage.quota().used(user.id()).block()).isZero();
            assertThat(attachmentFiles(app)).isZero();
            assertThat(storage.mailboxes().get(user.id(), "INBOX").block().uidNext()).isEqualTo(inbox.uidNext());
        });
    }

    @Test
    void aFetchProjectionReadsOnlyTheParsedFieldsItNames() {
        context.withPropertyValues("mallard.data.dir=" + dataDir).run(app -> {
            MailStorage storage = app.getBean(MailStorage.class);
            MessageContent content = app.getBean(MessageContent.class);
            User user = user(app, "erin", UserSettings.DEFAULTS);
            Mailbox inbox = storage.mailboxes().get(user.id(), "INBOX").block();
            byte[] raw = messageWithAttachment(5_000);
            ParsedMessage whole = content.parsed(app.getBean(MessageAppender.class)
                    .append(user.id(), "INBOX", raw, List.of(), Instant.now()).block().message());

            Message envelopeOnly = storage.listing()
                    .range(inbox.id(), 1, 1, MessageFields.fetch(List.of(ParsedParts.ENVELOPE), false)).blockFirst();
            Message sections = storage.listing()
                    .range(inbox.id(), 1, 1, MessageFields.fetch(List.of(ParsedParts.MIME_TREE), true)).blockFirst();

            assertThat(envelopeOnly).extracting(Message::uid, Message::size, Message::user, Message::subject)
                    .containsExactly(1L, (long) raw.length, null, null);
            assertThat(envelopeOnly.content()).containsOnlyKeys("parsed");
            assertThat(envelopeOnly.content().get("parsed", Document.class)).containsOnlyKeys(ParsedParts.ENVELOPE);
            assertThat(content.parts(envelopeOnly))
                    .isEqualTo(new ParsedParts(whole.envelope(), null, null, null, null));
            assertThat(sections.content()).containsOnlyKeys("raw", "parsed");
            assertThat(content.parts(sections)).isEqualTo(new ParsedParts(null, null, null, whole.mimeTree(), null));
            assertThat(bytes(content.raw(sections))).isEqualTo(raw);
        });
    }

    private static User user(org.springframework.context.ApplicationContext app, String name, UserSettings settings) {
        return app.getBean(UserProvisioning.class)
                .create(new NewUser(name, "correct horse", name, name + "@example.com", settings)).block();
    }

    private static void expunge(MailStorage storage, ObjectId mailbox, long uid) {
        storage.flags().update(mailbox, List.of(uid), FlagOperation.ADD, List.of(Message.DELETED), -1).blockLast();
        assertThat(storage.messages().expunge(mailbox).collectList().block()).containsExactly(uid);
    }

    private static long attachmentFiles(org.springframework.context.ApplicationContext app) {
        return Mono.from(app.getBean(MongoStore.class).database().getCollection("attachments.files")
                .countDocuments(new Document())).block();
    }

    private static byte[] bytes(Flux<ByteBuffer> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.toIterable().forEach(chunk -> {
            byte[] piece = new byte[chunk.remaining()];
            chunk.get(piece);
            out.writeBytes(piece);
        });
        return out.toByteArray();
    }

    private static byte[] messageWithAttachment(int attachmentSize) {
        byte[] attachment = new byte[attachmentSize];
        new Random(7).nextBytes(attachment);
        String body = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment);
        return ("From: Carol <carol@example.org>\r\n"
                + "To: alice@example.com\r\n"
                + "Subject: Quarterly report\r\n"
                + "Message-ID: <report-1@example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
                + "\r\n"
                + "--b1\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + "Figures attached.\r\n"
                + "--b1\r\n"
                + "Content-Type: application/octet-stream; name=\"report.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"report.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + body + "\r\n"
                + "--b1--\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
