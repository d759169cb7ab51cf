package io.mallard.pop3.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.bson.types.ObjectId;
import org.springframework.context.ConfigurableApplicationContext;

import io.mallard.model.mail.MessageAppender;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.user.NewUser;
import io.mallard.model.user.User;
import io.mallard.model.user.UserSettings;
import io.mallard.model.user.UserStore;
import io.mallard.pop3.Pop3Application;
import io.mallard.protocol.server.ProtocolListeners;
import reactor.core.publisher.Flux;

/**
 * The real POP3 service on embedded stores, started once per JVM and shared by the test classes
 * (start-up is the expensive part), with ephemeral ports, plaintext login allowed and a short idle
 * timeout. Each test works on users of its own.
 */
public final class Pop3TestServer {

    public static final String PASSWORD = "correct horse battery";
    /** Short, so the idle tests stay quick; no other test sits silent this long. */
    public static final int IDLE_SECONDS = 3;

    private static Pop3TestServer shared;
    private static final AtomicInteger USERS = new AtomicInteger();

    private final ConfigurableApplicationContext context;
    private final Path dataDir;

    private Pop3TestServer(Path dataDir, String... properties) {
        this.dataDir = dataDir;
        List<String> all = new ArrayList<>(List.of("mallard.data.dir=" + dataDir, "mallard.hostname=pop3.test",
                "mallard.pop3.port=0", "mallard.pop3.tls-port=0", "mallard.pop3.idle-timeout=" + IDLE_SECONDS + "s"));
        all.addAll(List.of(properties));
        this.context = Pop3Application.builder().properties(all.toArray(String[]::new)).run();
    }

    /** The server most tests use: plaintext login allowed, DELE moves to Trash. */
    public static synchronized Pop3TestServer shared() {
        if (shared == null) {
            shared = start("mallard.pop3.allow-plaintext-login=true");
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A server of its own with these extra properties; the caller closes it. */
    public static Pop3TestServer start(String... properties) {
        try {
            return new Pop3TestServer(Files.createTempDirectory("pop3-test"), properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetSocketAddress plain() {
        return context.getBean(ProtocolListeners.class).servers().get(0).address();
    }

    public InetSocketAddress implicitTls() {
        return context.getBean(ProtocolListeners.class).servers().get(1).address();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public MailStorage storage() {
        return bean(MailStorage.class);
    }

    /** A fresh user with the default mailboxes, named {@code prefix} plus a counter. */
    public User newUser(String prefix) {
        User user = newUserWithoutMailboxes(prefix);
        storage().mailboxes().createDefaults(user.id()).blockLast();
        return user;
    }

    /** A fresh user whose mailboxes were never created: its login cannot open an INBOX. */
    public User newUserWithoutMailboxes(String prefix) {
        String name = prefix + USERS.incrementAndGet();
        return bean(UserStore.class)
                .create(new NewUser(name, PASSWORD, name, name + "@example.com", UserSettings.DEFAULTS)).block();
    }

    public Mailbox mailbox(ObjectId user, String path) {
        return storage().mailboxes().require(user, path).block();
    }

    public Message append(ObjectId user, byte[] raw) {
        return bean(MessageAppender.class).append(mailbox(user, Mailbox.INBOX).id(), raw, List.of(), Instant.now()).block();
    }

    public Message append(ObjectId user, String raw) {
        return append(user, raw.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code count} small messages, one after the other, so message i gets the i-th UID. */
    public List<Message> appendMany(ObjectId user, int count) {
        ObjectId inbox = mailbox(user, Mailbox.INBOX).id();
        return Flux.range(1, count)
                .concatMap(i -> bean(MessageAppender.class).append(inbox,
                        TestMessages.numbered(i).getBytes(StandardCharsets.UTF_8), List.of(), Instant.now()))
                .collectList().block();
    }

    /**
     * A transcript's variables for {@code user}: {@code ${user}}, {@code ${password}}, and the
     * UIDL and size of each of {@code messages} in order ({@code ${uid1}}, {@code ${size1}}, ...).
     */
    public Map<String, String> variables(User user, Message... messages) {
        Map<String, String> variables = new HashMap<>();
        variables.put("user", user.username());
        variables.put("password", PASSWORD);
        for (int i = 0; i < messages.length; i++) {
            variables.put("uid" + (i + 1), messages[i].id().toHexString());
            variables.put("size" + (i + 1), Long.toString(messages[i].size()));
        }
        return variables;
    }

    public List<Message> messages(ObjectId user, String path) {
        return storage().listing().range(mailbox(user, path).id(), 1, Long.MAX_VALUE).collectList().block();
    }

    public void close() {
        context.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
