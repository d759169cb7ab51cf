package io.mallard.imap.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import io.mallard.imap.support.TestServer;
import io.mallard.model.mail.MessageAppender;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.user.User;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import org.eclipse.angus.mail.imap.IMAPFolder;
import reactor.core.publisher.Flux;

/**
 * What a mail client does, through Angus Mail's IMAP provider against the real server: list the
 * folders, open INBOX, fetch the headers of 1,000 messages, read one, flag, move, expunge, and
 * IDLE for new mail delivered from another thread.
 */
@Timeout(180)
class AngusMailClientTest {

    private static final int MESSAGES = 1000;

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static String subject(Message message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void behavesLikeAMailClient() throws Exception {
        User user = server.user("client");
        Mailbox inbox = server.mailbox(user, "INBOX");
        MessageAppender appender = server.bean(MessageAppender.class);
        long appendStart = System.nanoTime();
        Flux.range(1, MESSAGES).flatMap(n -> appender.append(inbox.id(),
                TestServer.message(n).getBytes(StandardCharsets.UTF_8), List.of(), Instant.now()), 8).blockLast();
        long appendMillis = (System.nanoTime() - appendStart) / 1_000_000;

        Properties properties = new Properties();
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", String.valueOf(server.port()));
        properties.put("mail.imap.connectiontimeout", "5000");
        properties.put("mail.imap.timeout", "20000");
        Session session = Session.getInstance(properties);
        Store store = session.getStore("imap");
        store.connect("client", TestServer.PASSWORD);
        try {
            List<String> folders = Arrays.stream(store.getDefaultFolder().list("*")).map(Folder::getFullName).toList();
            assertThat(folders).contains("INBOX", "Archive", "Trash", "Sent Mail", "Drafts", "Junk");

            IMAPFolder folder = (IMAPFolder) store.getFolder("INBOX");
            folder.open(Folder.READ_WRITE);
            assertThat(folder.getMessageCount()).isEqualTo(MESSAGES);

            long fetchStart = System.nanoTime();
            Message[] messages = folder.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(messages, profile);
            long fetchMillis = (System.nanoTime() - fetchStart) / 1_000_000;
            assertThat(Arrays.stream(messages).map(AngusMailClientTest::subject)).hasSize(MESSAGES)
                    .contains("Message 1", "Message 1000").doesNotHaveDuplicates();
            assertThat(messages[0].getFrom()[0].toString()).isEqualTo("Bob Sender <bob@example.com>");
            assertThat(folder.getUID(messages[41])).isGreaterThan(folder.getUID(messages[40]));

            Message read = messages[6];
            assertThat(((String) read.getContent()).trim())
                    .isEqualTo("Hello number " + read.getSubject().substring(8) + ".\r\nSecond line.");
            assertThat(read.isSet(Flags.Flag.SEEN)).isTrue();

            messages[1].setFlag(Flags.Flag.FLAGGED, true);
            assertThat(folder.search(new jakarta.mail.search.FlagTerm(new Flags(Flags.Flag.FLAGGED), true)))
                    .containsExactly(messages[1]);

            IMAPFolder archive = (IMAPFolder) store.getFolder("Archive");
            folder.moveMessages(new Message[] {messages[2]}, archive);
            // Angus marks a moved message expunged and recounts at the next EXPUNGE.
            assertThat(messages[2].isExpunged()).isTrue();
            assertThat(archive.getMessageCount()).isEqualTo(1);

            messages[3].setFlag(Flags.Flag.DELETED, true);
            Message[] expunged = folder.expunge();
            assertThat(expunged).contains(messages[3]);
            assertThat(folder.getMessageCount()).isEqualTo(MESSAGES - 2);

            CountDownLatch arrived = new CountDownLatch(1);
            folder.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent event) {
                    arrived.countDown();
                }
            });
            Thread idler = new Thread(() -> {
                // idle(true) returns after the first news; a client idles again until it has what it waits for.
                try {
                    while (arrived.getCount() > 0) {
                        folder.idle(true);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            idler.start();
            Thread.sleep(500);
            long deliveryStart = System.nanoTime();
            server.append(inbox, TestServer.message(MESSAGES + 1), List.of(), Instant.now());
            idler.join(10_000);
            assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
            long idleMillis = (System.nanoTime() - deliveryStart) / 1_000_000;
            assertThat(folder.getMessageCount()).isEqualTo(MESSAGES - 1);
            System.out.printf("appended %d in %d ms, fetched headers in %d ms, IDLE saw delivery in %d ms%n",
                    MESSAGES, appendMillis, fetchMillis, idleMillis);
            folder.close(false);
        } finally {
            store.close();
        }
    }
}
