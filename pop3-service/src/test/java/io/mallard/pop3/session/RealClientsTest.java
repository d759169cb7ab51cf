package io.mallard.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mallard.model.message.Message;
import io.mallard.model.user.User;
import io.mallard.pop3.support.Pop3TestServer;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.pop3.POP3Folder;

/**
 * Real clients fetch 500 messages and delete them; MailStorage, which IMAP reads too, then shows
 * the INBOX empty and the messages in Trash, marked \Seen. The maildrop is the newest 250, so a
 * client needs two sessions: the newer half first, then the older.
 */
@Timeout(180)
class RealClientsTest {

    private static final int MESSAGES = 500;

    private final Pop3TestServer server = Pop3TestServer.shared();

    @Test
    void pythonPoplibWithStlsAndAuthPlainFetchesAndDeletes500() throws Exception {
        User user = server.newUser("poplib");
        List<Message> stored = server.appendMany(user.id(), MESSAGES);
        Process python = new ProcessBuilder("python3", script().toString(), server.plain().getHostString(),
                Integer.toString(server.plain().getPort()), user.username(), Pop3TestServer.PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(python.waitFor(120, TimeUnit.SECONDS)).as("poplib finished").isTrue();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("greeting +OK pop3.test Mallard POP3 ready")
                .contains("STLS").contains("stls ok")
                .contains("auth +OK " + user.username() + " has 250 messages")
                .contains("stat 250 " + stored.subList(250, 500).stream().mapToLong(Message::size).sum())
                .contains("stat 250 " + stored.subList(0, 250).stream().mapToLong(Message::size).sum())
                .contains("stat 0 0")
                .contains("retrieved 500 500")
                .contains("quit +OK pop3.test signing off");
        assertMovedToTrash(user, stored);
    }

    @Test
    void angusMailFetchesAndDeletes500() throws Exception {
        User user = server.newUser("angus");
        List<Message> stored = server.appendMany(user.id(), MESSAGES);
        Properties properties = new Properties();
        properties.put("mail.pop3.host", server.plain().getHostString());
        properties.put("mail.pop3.port", Integer.toString(server.plain().getPort()));
        properties.put("mail.pop3.connectiontimeout", "10000");
        // QUIT answers only once UPDATE has moved the 250 messages and given the lock back; on a loaded
        // machine that can outlast a 10 s read timeout, after which Angus drops the socket and the next
        // connect finds the maildrop still [IN-USE].
        properties.put("mail.pop3.timeout", "60000");
        Session session = Session.getInstance(properties);
        List<String> uids = new ArrayList<>();
        int fetched;
        do {
            fetched = fetchAndDelete(session, user, uids);
        } while (fetched > 0);
        List<Message> newerHalfFirst = new ArrayList<>(stored.subList(250, 500));
        newerHalfFirst.addAll(stored.subList(0, 250));
        assertThat(uids).containsExactlyElementsOf(newerHalfFirst.stream().map(m -> m.id().toHexString()).toList());
        assertMovedToTrash(user, stored);
    }

    /** One POP3 session: every message read, checked and deleted; returns how many there were. */
    private static int fetchAndDelete(Session session, User user, List<String> uids) throws Exception {
        Store store = session.getStore("pop3");
        store.connect(user.username(), Pop3TestServer.PASSWORD);
        POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        jakarta.mail.Message[] messages = inbox.getMessages();
        int first = uids.isEmpty() ? 251 : 1;
        for (int i = 0; i < messages.length; i++) {
            uids.add(inbox.getUID(messages[i]));
            assertThat(messages[i].getSubject()).isEqualTo("Message " + (first + i));
            assertThat(messages[i].getContent().toString()).contains("Body of message " + (first + i))
                    .contains("\r\n.starts with a dot\r\n");
            messages[i].setFlag(Flags.Flag.DELETED, true);
        }
        inbox.close(true);
        store.close();
        return messages.length;
    }

    private void assertMovedToTrash(User user, List<Message> stored) {
        assertThat(server.messages(user.id(), "INBOX")).isEmpty();
        List<Message> trash = server.messages(user.id(), "Trash");
        assertThat(trash).extracting(Message::id).containsExactlyInAnyOrderElementsOf(
                stored.stream().map(Message::id).toList());
        assertThat(trash).allSatisfy(message -> assertThat(message.flags()).contains(Message.SEEN));
    }

    private static Path script() throws URISyntaxException, IOException {
        return Path.of(RealClientsTest.class.getResource("/poplib_client.py").toURI());
    }
}
