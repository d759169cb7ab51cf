package io.mallard.model.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.message.StoreCluster;
import reactor.core.publisher.Flux;

class MailboxStoreTest {

    @TempDir
    Path dir;

    private StoreCluster cluster;
    private MailboxStore mailboxes;
    private ObjectId user;

    @BeforeEach
    void start() {
        cluster = new StoreCluster(dir);
        mailboxes = cluster.storage(Duration.ofSeconds(1)).mailboxes();
        user = cluster.user(0);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void defaultsAreTheSixSpecialFoldersAndCreatingThemTwiceChangesNothing() {
        var first = mailboxes.createDefaults(user).collectList().block();
        var second = mailboxes.createDefaults(user).collectList().block();

        assertThat(first).extracting(Mailbox::path)
                .containsExactly("INBOX", "Drafts", "Sent Mail", "Trash", "Junk", "Archive");
        assertThat(second).isEqualTo(first);
        assertThat(mailboxes.list(user).count().block()).isEqualTo(6);
        assertThat(mailboxes.bySpecialUse(user, "\\Sent").block().path()).isEqualTo("Sent Mail");
        assertThat(first.get(0).uidNext()).isEqualTo(1);
        assertThat(first.get(0).uidValidity()).isPositive();
    }

    @Test
    void twoInstancesCreatingTheDefaultsAtOnceMakeOneSetOfFolders() {
        MailboxStore other = cluster.storage(Duration.ofSeconds(1)).mailboxes();

        Flux.merge(mailboxes.createDefaults(user), other.createDefaults(user), mailboxes.createDefaults(user)).blockLast();

        assertThat(mailboxes.list(user).map(Mailbox::path).collectList().block())
                .containsExactly("Archive", "Drafts", "INBOX", "Junk", "Sent Mail", "Trash");
    }

    @Test
    void inboxIsFoundWhateverItsCaseAndSoAreItsChildren() {
        mailboxes.createDefaults(user).blockLast();
        mailboxes.create(user, "inbox/Receipts", null).block();

        assertThat(mailboxes.get(user, "iNbOx").block().isInbox()).isTrue();
        assertThat(mailboxes.get(user, "INBOX/Receipts").block().path()).isEqualTo("INBOX/Receipts");
        assertThat(mailboxes.get(user, "Inbox/Receipts").block()).isNotNull();
        assertThat(mailboxes.get(user, "drafts").block()).isNull();
    }

    @Test
    void creatingAnExistingPathIsRefusedWithAlreadyExists() {
        mailboxes.create(user, "Work", null).block();

        assertThatThrownBy(() -> mailboxes.create(user, "Work", null).block())
                .isInstanceOfSatisfying(MailboxException.class, e -> assertThat(e.code()).isEqualTo(MailboxException.Code.ALREADYEXISTS));
    }

    @Test
    void renameCarriesChildrenAlongAndKeepsIdsAndUidValidity() {
        Mailbox work = mailboxes.create(user, "Work", null).block();
        Mailbox child = mailboxes.create(user, "Work/2025", null).block();
        mailboxes.create(user, "Workshop", null).block();

        mailboxes.rename(user, "Work", "Archive/Work").blockLast();

        assertThat(mailboxes.list(user).map(Mailbox::path).collectList().block())
                .containsExactly("Archive/Work", "Archive/Work/2025", "Workshop");
        Mailbox renamed = mailboxes.get(user, "Archive/Work/2025").block();
        assertThat(renamed.id()).isEqualTo(child.id());
        assertThat(renamed.uidValidity()).isEqualTo(child.uidValidity());
        assertThat(mailboxes.get(user, "Archive/Work").block().modifyIndex()).isGreaterThan(work.modifyIndex());
    }

    @Test
    void renameOntoAnExistingMailboxOrOfInboxIsRefused() {
        mailboxes.createDefaults(user).blockLast();
        mailboxes.create(user, "Work", null).block();

        assertThatThrownBy(() -> mailboxes.rename(user, "Work", "Trash").blockLast())
                .isInstanceOfSatisfying(MailboxException.class, e -> assertThat(e.code()).isEqualTo(MailboxException.Code.ALREADYEXISTS));
        assertThatThrownBy(() -> mailboxes.rename(user, "INBOX", "Old").blockLast())
                .isInstanceOfSatisfying(MailboxException.class, e -> assertThat(e.code()).isEqualTo(MailboxException.Code.CANNOT));
        assertThatThrownBy(() -> mailboxes.rename(user, "Nope", "Other").blockLast())
                .isInstanceOfSatisfying(MailboxException.class, e -> assertThat(e.code()).isEqualTo(MailboxException.Code.NONEXISTENT));
    }

    @Test
    void inboxCannotBeDeletedButOtherMailboxesCan() {
        mailboxes.createDefaults(user).blockLast();

        assertThatThrownBy(() -> mailboxes.delete(user, "inbox").block())
                .isInstanceOfSatisfying(MailboxException.class, e -> assertThat(e.code()).isEqualTo(MailboxException.Code.CANNOT));
        mailboxes.delete(user, "Junk").block();

        assertThat(mailboxes.get(user, "Junk").block()).isNull();
        assertThat(mailboxes.list(user).count().block()).isEqualTo(5);
    }

    @Test
    void subscriptionIsToggledPerMailbox() {
        mailboxes.create(user, "Lists", null).block();

        assertThat(mailboxes.subscribe(user, "Lists", false).block().subscribed()).isFalse();
        assertThat(mailboxes.get(user, "Lists").block().subscribed()).isFalse();
        assertThat(mailboxes.subscribe(user, "Lists", true).block().subscribed()).isTrue();
        assertThatThrownBy(() -> mailboxes.subscribe(user, "Missing", true).block()).isInstanceOf(MailboxException.class);
    }

    @Test
    void retentionAndHiddenAreStoredPerMailbox() {
        mailboxes.createDefaults(user).blockLast();

        Mailbox junk = mailboxes.configure(user, "Junk", 30L * 24 * 3600 * 1000, true).block();

        assertThat(junk.retention()).isEqualTo(2_592_000_000L);
        assertThat(mailboxes.get(user, "Junk").block().hidden()).isTrue();
        assertThat(mailboxes.get(user, "Trash").block().hidden()).isFalse();
    }

    @Test
    void usersHaveSeparateNamespaces() {
        ObjectId other = cluster.user(0);
        mailboxes.create(user, "Work", null).block();

        assertThat(mailboxes.create(other, "Work", null).block().user()).isEqualTo(other);
        assertThat(mailboxes.list(other).count().block()).isEqualTo(1);
    }
}
