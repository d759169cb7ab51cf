package io.mallard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.message.Message;
import io.mallard.model.user.User;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.pop3.POP3Folder;

/**
 * Real POP3 clients fetch 500 messages and delete them; then a real IMAP client, Angus Mail's
 * IMAP provider over STARTTLS, finds the INBOX empty and the 500 in Trash, \Seen, with the bytes
 * that were delivered. POP3 and IMAP run as the standalone platform runs them, over one pair of
 * stores, so what IMAP shows is what POP3 committed at QUIT. The maildrop is the newest 250, so
 * each POP3 client needs two sessions: the newer half first, then the older.
 */
@Timeout(240)
class Pop3DeletionsSeenThroughImapTest {

    private static final int MESSAGES = 500;

    @TempDir
    static Path dataDir;

    private static MailServices services;

    @BeforeAll
    static void start() {
        services = MailServices.start(dataDir);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void pythonPoplibWithStlsAndAuthPlainFetchesAndDeletes500() throws Exception {
        User user = services.newUser("poplib");
        List<Message> stored = services.appendNumbered(user, MESSAGES);
        Process python = new ProcessBuilder("python3", script().toString(), services.pop3().getHostString(),
                Integer.toString(services.pop3().getPort()), user.username(), MailServices.PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(python.waitFor(120, TimeUnit.SECONDS)).as("poplib finished").isTrue();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("greeting +OK mail.test Mallard POP3 ready")
                .contains("STLS").contains("stls ok")
                .contains("auth +OK " + user.username() + " has 250 messages")
                .contains("stat 250 " + stored.subList(250, 500).stream().mapToLong(Message::size).sum())
                .contains("stat 250 " + stored.subList(0, 250).stream().mapToLong(Message::size).sum())
                .contains("stat 0 0")
                .contains("retrieved 500 500")
                .contains("quit +OK mail.test signing off");
        assertImapSeesThemReadInTrash(user);
    }

    @Test
    void angusMailFetchesAndDeletes500() throws Exception {
        User user = services.newUser("angus");
        List<Message> stored = services.appendNumbered(user, MESSAGES);
        Properties properties = new Properties();
        properties.put("mail.pop3.host", services.pop3().getHostString());
        properties.put("mail.pop3.port", Integer.toString(services.pop3().getPort()));
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
        assertImapSeesThemReadInTrash(user);
    }

    /** One POP3 session: every message read, checked and deleted; returns how many there were. */
    private static int fetchAndDelete(Session session, User user, List<String> uids) throws Exception {
        Store store = session.getStore("pop3");
        store.connect(user.username(), MailServices.PASSWORD);
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

    /** What a mail client shows after the download: INBOX empty; in Trash all 500, read, byte for byte. */
    private static void assertImapSeesThemReadInTrash(User user) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.imap.host", services.imap().getHostString());
        properties.put("mail.imap.port", Integer.toString(services.imap().getPort()));
        properties.put("mail.imap.starttls.enable", "true");
        properties.put("mail.imap.starttls.required", "true");
        // A fresh install's certificate is self-signed, for the host name, not for 127.0.0.1.
        properties.put("mail.imap.ssl.trust", "*");
        properties.put("mail.imap.ssl.checkserveridentity", "false");
        properties.put("mail.imap.timeout", "20000");
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect(user.username(), MailServices.PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).as("INBOX").isZero();
            inbox.close();

            Folder trash = store.getFolder("Trash");
            trash.open(Folder.READ_ONLY);
            jakarta.mail.Message[] messages = trash.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.FLAGS);
            trash.fetch(messages, profile);
            Map<String, jakarta.mail.Message> bySubject = new HashMap<>();
            for (jakarta.mail.Message message : messages) {
                assertThat(message.isSet(Flags.Flag.SEEN)).as("%s is \\Seen", message.getSubject()).isTrue();
                bySubject.put(message.getSubject(), message);
            }
            assertThat(bySubject).hasSize(MESSAGES);
            for (int i : new int[] {1, 250, 251, 500}) {
                assertThat(bySubject).containsKey("Message " + i);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                bySubject.get("Message " + i).writeTo(bytes);
                assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(MailServices.numbered(i));
            }
            trash.close();
        } finally {
            store.close();
        }
    }

    private static Path script() throws URISyntaxException {
        return Path.of(Pop3DeletionsSeenThroughImapTest.class.getResource("/poplib_client.py").toURI());
    }
}
