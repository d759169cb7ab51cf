package io.mallard.imap.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

import io.mallard.imap.ImapApplication;
import io.mallard.model.mail.MessageAppender;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.user.NewUser;
import io.mallard.model.user.User;
import io.mallard.model.user.UserSettings;
import io.mallard.model.user.UserStore;

/** The real IMAP service on the embedded stores, on free loopback ports, for socket-level tests. */
public final class TestServer implements AutoCloseable {

    public static final String PASSWORD = "correct horse";

    private final ConfigurableApplicationContext context;
    private final int port;

    private TestServer(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    public static TestServer start(Path dataDir, String... extraProperties) {
        return start(dataDir, Clock.systemUTC(), extraProperties);
    }

    /** With {@code clock} as the services' clock (failure windows, token expiry, TOTP steps). */
    public static TestServer start(Path dataDir, Clock clock, String... extraProperties) {
        int port = freePort();
        String[] properties = {"mallard.data.dir=" + dataDir, "mallard.imap.port=" + port,
                "mallard.imap.tls-port=" + freePort(), "mallard.imap.allow-plaintext-login=true",
                "mallard.hostname=imap.test"};
        ConfigurableApplicationContext context = ImapApplication.builder()
                .properties(properties).properties(extraProperties)
                .initializers(app -> app.getBeanFactory().registerSingleton("clock", clock))
                .run();
        return new TestServer(context, port);
    }

    public int port() {
        return port;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A user with the default mailboxes. */
    public User user(String name) {
        return user(name, UserSettings.DEFAULTS);
    }

    public User user(String name, UserSettings settings) {
        User user = bean(UserStore.class)
                .create(new NewUser(name, PASSWORD, name, name + "@example.com", settings)).block();
        bean(MailStorage.class).mailboxes().createDefaults(user.id()).blockLast();
        return user;
    }

    public Mailbox mailbox(User user, String path) {
        return bean(MailStorage.class).mailboxes().get(user.id(), path).block();
    }

    public Message append(Mailbox mailbox, String raw, List<String> flags, Instant date) {
        return bean(MessageAppender.class).append(mailbox.id(), raw.getBytes(StandardCharsets.UTF_8), flags, date)
                .block();
    }

    public static String message(int n) {
        return "From: Bob Sender <bob@example.com>\r\nTo: alice@example.com\r\nSubject: Message " + n
                + "\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nMessage-ID: <m" + n + "@example.com>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nHello number " + n + ".\r\nSecond line.\r\n";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
