package io.mallard.model.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.mallard.model.address.AddressResolver;
import io.mallard.model.address.AddressStore;
import io.mallard.model.address.Resolution;
import io.mallard.model.authlog.AuthOutcome;
import io.mallard.model.autoreply.Autoreply;
import io.mallard.model.autoreply.AutoreplyStore;
import io.mallard.model.config.AccessAutoConfiguration;
import io.mallard.model.config.AccountAutoConfiguration;
import io.mallard.model.config.MailAutoConfiguration;
import io.mallard.model.config.StoreAutoConfiguration;
import io.mallard.model.message.MailStorage;
import io.mallard.model.storage.UserFileStore;
import io.mallard.model.store.MongoStore;
import io.mallard.model.testing.SettableClock;
import io.mallard.model.user.AppPasswordStore;
import io.mallard.model.user.CredentialCheck;
import io.mallard.model.user.DeletedUser;
import io.mallard.model.user.DeletedUserStore;
import io.mallard.model.user.NewUser;
import io.mallard.model.user.Scope;
import io.mallard.model.user.User;
import io.mallard.model.user.UserSettings;
import io.mallard.model.user.UserStore;
import io.mallard.model.user.UsernameTakenException;
import io.mallard.model.webhook.WebhookStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deleting a user with a grace period: it cannot log in or receive mail at once, keeps its data
 * until the grace period is over, can be restored until then, and is then purged completely,
 * GridFS bodies included, by a sweep that can be cut off and run again.
 */
class DeletedUserSweeperTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path dataDir;

    private final SettableClock clock = new SettableClock(NOW);
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(Clock.class, () -> clock)
            .withConfiguration(AutoConfigurations.of(StoreAutoConfiguration.class, AccountAutoConfiguration.class,
                    MailAutoConfiguration.class, AccessAutoConfiguration.class));

    @Test
    void aDeletedUserCannotLogInOrReceiveMailAndKeepsItsDataUntilTheGracePeriodEnds() {
        context.withPropertyValues("mallard.data.dir=" + dataDir).run(app -> {
            User user = userWithMail(app, "alice");
            DeletedUserStore deleted = app.getBean(DeletedUserStore.class);

            DeletedUser retired = deleted.retire(user.id(), NOW.plus(Duration.ofDays(7))).block();

            assertThat(retired.addresses()).extracting(a -> a.address()).containsExactly("alice@example.com");
            assertThat(app.getBean(CredentialCheck.class).authenticate("alice", "secret-alice", Scope.IMAP, "127.0.0.1")
                    .block().outcome()).isEqualTo(AuthOutcome.UNKNOWN_USER);
            assertThat(app.getBean(AddressResolver.class).resolve("alice@example.com").block())
                    .isInstanceOf(Resolution.NotFound.class);
            assertThat(app.getBean(UserStore.class).disabled(user.id()).block()).as("a gone owner counts as disabled")
                    .isTrue();
            assertThat(app.getBean(DeletedUserSweeper.class).sweep().block()).isZero();
            assertThat(count(app, "messages", user.id())).isEqualTo(1);
            assertThat(files(app)).isEqualTo(1);
            assertThat(deleted.retire(user.id(), NOW).block()).as("no longer live").isNull();
        });
    }

    @Test
    void aRestoreWithinTheGracePeriodBringsBackTheUserAndTheAddressesNobodyTook() {
        context.withPropertyValues("mallard.data.dir=" + dataDir).run(app -> {
            User user = userWithMail(app, "bob");
            app.getBean(AddressStore.class).addToUser(user.id(), "bobby@example.com", false, List.of()).block();
            DeletedUserStore deleted = app.getBean(DeletedUserStore.class);
            deleted.retire(user.id(), NOW.plus(Duration.ofDays(7))).block();
            // Deleted addresses are free: another user takes the main one meanwhile.
            provision(app, "robert", "bob@example.com");

            assertThat(deleted.recoverable(deleted.get(user.id()).block()).collectList().block())
                    .containsExactly("bobby@example.com");
            DeletedUser.Restored restored = deleted.restore(user.id()).block();

            assertThat(restored).isEqualTo(new DeletedUser.Restored(1, "bobby@example.com"));
            assertThat(app.getBean(CredentialCheck.class).authenticate("bob", "secret-bob", Scope.IMAP, "127.0.0.1")
                    .block().outcome()).isEqualTo(AuthOutcome.SUCCESS);
            assertThat(deleted.get(user.id()).block()).isNull();
            clock.advance(Duration.ofDays(8));
            assertThat(app.getBean(DeletedUserSweeper.class).sweep().block()).isZero();
            assertThat(count(app, "messages", user.id())).isEqualTo(1);
        });
    }

    @Test
    void aRestoreRefusesANameTakenMeanwhileAndLeavesTheDeletionAsItWas() {
        context.withPropertyValues("mallard.data.dir=" + dataDir).run(app -> {
            User user = userWithMail(app, "carol");
            DeletedUserStore deleted = app.getBean(DeletedUserStore.class);
            deleted.retire(user.id(), NOW.plus(Duration.ofDays(1))).block();
            provision(app, "carol", "carol2@example.com");

            assertThatThrownBy(() -> deleted.restore(user.id()).block()).isInstanceOf(UsernameTakenException.class);

            clock.advance(Duration.ofDays(2));
            assertThat(app.getBean(DeletedUserSweeper.class).sweep().block()).isEqualTo(1);
            assertThat(count(app, "messages", user.id())).isZero();
        });
    }

    @Test
    void afterTheGracePeriodThePurgeRemovesEverythingOfTheUserAndNothingElse() {
        context.withPropertyValues("mallard.data.dir=" + dataDir).run(app -> {
            User user = userWithMail(app, "dave");
            User other = userWithMail(app, "erin");
            app.getBean(AppPasswordStore.class).create(user.id(), "phone", Set.of(Scope.IMAP), null).block();
            app.getBean(AutoreplyStore.class).set(user.id(), new Autoreply(true, null, "away", "back soon", null, null, null, null)).block();
            app.getBean(UserFileStore.class).upload(user.id(), "notes.txt", "text/plain", null,
                    Flux.just(ByteBuffer.wrap("kept in storage".getBytes(StandardCharsets.US_ASCII)))).block();
            app.getBean(WebhookStore.class).create(List.of("*"), user.id(), "http://127.0.0.1:9/hook", null).block();
            DeletedUserStore deleted = app.getBean(DeletedUserStore.class);
            deleted.retire(user.id(), NOW.plus(Duration.ofDays(1))).block();

            clock.advance(Duration.ofDays(1));
            assertThat(app.getBean(DeletedUserSweeper.class).sweep().block()).isEqualTo(1);

            assertThat(count(app, "messages", user.id())).isZero();
            assertThat(count(app, "mailboxes", user.id())).isZero();
            assertThat(count(app, "threads", user.id())).isZero();
            assertThat(count(app, "asps", user.id())).isZero();
            assertThat(count(app, "addresses", user.id())).isZero();
            assertThat(Mono.from(collection(app, "autoreplies").countDocuments(new Document("_id", user.id()))).block())
                    .isZero();
            assertThat(count(app, "webhooks", user.id())).isZero();
            assertThat(Mono.from(collection(app, "storage.files").countDocuments(new Document("metadata.user", user.id())))
                    .block()).isZero();
            assertThat(Mono.from(collection(app, "storage.chunks").countDocuments()).block()).isZero();
            assertThat(deleted.get(user.id()).block()).isNull();
            assertThat(deleted.restore(user.id()).block()).as("nothing left to restore").isNull();
            // The other user's copy of the same attachment keeps its GridFS body; dave's hold is gone.
            assertThat(files(app)).isEqualTo(1);
            assertThat(count(app, "messages", other.id())).isEqualTo(1);
            assertThat(Mono.from(collection(app, "attachment_refs").countDocuments()).block()).isEqualTo(1);
            assertThat(app.getBean(DeletedUserSweeper.class).sweep().block()).isZero();
        });
    }

    @Test
    void aPurgeCutOffMidwayCannotBeRestoredAndIsFinishedOnceItsLeaseRunsOut() {
        context.withPropertyValues("mallard.data.dir=" + dataDir).run(app -> {
            User user = userWithMail(app, "frank");
            DeletedUserStore deleted = app.getBean(DeletedUserStore.class);
            deleted.retire(user.id(), NOW).block();
            // A sweeper claims it, starts the purge, then dies before removing anything.
            DeletedUserStore.Claim claim = deleted.claimDue(Duration.ofMinutes(5)).block();
            assertThat(deleted.startPurge(claim).block()).isTrue();

            assertThat(deleted.restore(user.id()).block()).isNull();
            assertThat(app.getBean(DeletedUserSweeper.class).sweep().block()).as("still leased").isZero();
            clock.advance(Duration.ofMinutes(6));
            assertThat(app.getBean(DeletedUserSweeper.class).sweep().block()).isEqualTo(1);
            assertThat(count(app, "messages", user.id())).isZero();
            assertThat(files(app)).isZero();
        });
    }

    /** A user with one message carrying a GridFS-sized attachment (the same bytes for every user). */
    private static User userWithMail(ApplicationContext app, String name) {
        User user = provision(app, name, name + "@example.com");
        MailStorage storage = app.getBean(MailStorage.class);
        app.getBean(MessageAppender.class).append(storage.mailboxes().get(user.id(), "INBOX").block().id(),
                messageWithAttachment(), List.of(), Instant.now()).block();
        return user;
    }

    private static User provision(ApplicationContext app, String name, String address) {
        return app.getBean(UserProvisioning.class)
                .create(new NewUser(name, "secret-" + name, name, address, UserSettings.DEFAULTS)).block();
    }

    private static long count(ApplicationContext app, String collection, ObjectId user) {
        return Mono.from(collection(app, collection).countDocuments(new Document("user", user))).block();
    }

    private static long files(ApplicationContext app) {
        return Mono.from(collection(app, "attachments.files").countDocuments()).block();
    }

    private static com.mongodb.reactivestreams.client.MongoCollection<Document> collection(ApplicationContext app,
            String name) {
        return app.getBean(MongoStore.class).database().getCollection(name);
    }

    private static byte[] messageWithAttachment() {
        byte[] attachment = new byte[20_000];
        new Random(7).nextBytes(attachment);
        String body = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment);
        return ("From: carol@example.org\r\nTo: someone@example.com\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nattached\r\n"
                + "--b1\r\nContent-Type: application/octet-stream; name=\"r.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"r.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + body + "\r\n--b1--\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
