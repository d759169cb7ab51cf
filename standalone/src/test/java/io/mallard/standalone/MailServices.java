package io.mallard.standalone;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

import io.mallard.model.mail.MessageAppender;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.user.NewUser;
import io.mallard.model.user.User;
import io.mallard.model.user.UserSettings;
import io.mallard.model.user.UserStore;
import io.mallard.protocol.server.ProtocolListeners;
import reactor.core.publisher.Flux;

/**
 * The IMAP and POP3 services as the standalone platform runs them: child contexts of one parent
 * that owns the embedded stores, here on free loopback ports and without the HTTP services.
 */
final class MailServices implements AutoCloseable {

    static final String PASSWORD = "correct horse battery";

    private final ConfigurableApplicationContext stores;
    private final ConfigurableApplicationContext imap;
    private final ConfigurableApplicationContext pop3;

    private MailServices(ConfigurableApplicationContext stores, ConfigurableApplicationContext imap,
            ConfigurableApplicationContext pop3) {
        this.stores = stores;
        this.imap = imap;
        this.pop3 = pop3;
    }

    /** POP3 takes USER/PASS in the clear (Angus's POP3 provider does not STLS); IMAP asks for STARTTLS. */
    static MailServices start(Path dataDir) {
        String[] args = {"--mallard.data.dir=" + dataDir, "--mallard.hostname=mail.test",
            "--mallard.imap.port=0", "--mallard.imap.tls-port=0", "--mallard.pop3.port=0",
            "--mallard.pop3.tls-port=0", "--mallard.pop3.allow-plaintext-login=true"};
        ConfigurableApplicationContext stores = StandaloneApplication.stores(args);
        try {
            return new MailServices(stores, child("imap", stores, args), child("pop3", stores, args));
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    private static ConfigurableApplicationContext child(String name, ConfigurableApplicationContext stores,
            String[] args) {
        return StandaloneApplication.SERVICES.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow().childOf(stores).run(args);
    }

    InetSocketAddress imap() {
        return imap.getBean(ProtocolListeners.class).servers().get(0).address();
    }

    InetSocketAddress pop3() {
        return pop3.getBean(ProtocolListeners.class).servers().get(0).address();
    }

    User newUser(String name) {
        User user = stores.getBean(UserStore.class)
                .create(new NewUser(name, PASSWORD, name, name + "@example.com", UserSettings.DEFAULTS)).block();
        stores.getBean(MailStorage.class).mailboxes().createDefaults(user.id()).blockLast();
        return user;
    }

    /** Messages 1..count into the INBOX, in order, so message i gets the i-th UID. */
    List<Message> appendNumbered(User user, int count) {
        Mailbox inbox = stores.getBean(MailStorage.class).mailboxes().require(user.id(), Mailbox.INBOX).block();
        MessageAppender appender = stores.getBean(MessageAppender.class);
        return Flux.range(1, count)
                .concatMap(i -> appender.append(inbox.id(), numbered(i).getBytes(StandardCharsets.UTF_8), List.of(),
                        Instant.now()))
                .collectList().block();
    }

    /** A small message whose body has a line that POP3 must dot-stuff. */
    static String numbered(int i) {
        return "From: sender@example.com\r\nTo: user@example.com\r\nSubject: Message " + i
                + "\r\nMessage-ID: <m" + i + "@example.com>\r\n\r\nBody of message " + i
                + "\r\n.starts with a dot\r\nlast line\r\n";
    }

    @Override
    public void close() {
        pop3.close();
        imap.close();
        stores.close();
    }
}
