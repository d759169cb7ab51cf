package io.mallard.imap.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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
import io.mallard.protocol.server.ProtocolListeners;

/**
 * The real IMAP service on the embedded stores, on free loopback ports, for socket-level tests:
 * started by {@link #start} and closed by the caller, or once per test class as an extension
 * ({@code @RegisterExtension static final TestServer server = TestServer.perClass();}).
 */
public final class TestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    public static final String PASSWORD = "correct horse";

    private ConfigurableApplicationContext context;
    private Path ownDataDir;

    private TestServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** A server that starts before the class's first test, in a data directory of its own, and stops after its last. */
    public static TestServer perClass() {
        return new TestServer(null);
    }

    @Override
    public void beforeAll(ExtensionContext extension) throws IOException {
        ownDataDir = Files.createTempDirectory("imap-test");
        context = run(ownDataDir, Clock.systemUTC());
    }

    @Override
    public void afterAll(ExtensionContext extension) throws IOException {
        close();
        try (Stream<Path> files = Files.walk(ownDataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    public static TestServer start(Path dataDir, String... extraProperties) {
        return start(dataDir, Clock.systemUTC(), extraProperties);
    }

    /** With {@code clock} as the services' clock (failure windows, token expiry, TOTP steps). */
    public static TestServer start(Path dataDir, Clock clock, String... extraProperties) {
        return new TestServer(run(dataDir, clock, extraProperties));
    }

    private static ConfigurableApplicationContext run(Path dataDir, Clock clock, String... extraProperties) {
        // Port 0: the kernel picks while binding. Picking a free port first and binding it later
        // raced with the other test JVMs and failed a CI run with "Address already in use".
        String[] properties = {"mallard.data.dir=" + dataDir, "mallard.imap.port=0",
                "mallard.imap.tls-port=0", "mallard.imap.allow-plaintext-login=true",
                "mallard.hostname=imap.test"};
        return ImapApplication.builder()
                .properties(properties).properties(extraProperties)
                .initializers(app -> app.getBeanFactory().registerSingleton("clock", clock))
                .run();
    }

    /** The plain (STARTTLS) port as bound. */
    public int port() {
        return bean(ProtocolListeners.class).servers().get(0).address().getPort();
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

    @Override
    public void close() {
        context.close();
    }
}
